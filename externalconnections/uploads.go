package externalconnections

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// MaxUploadNumbers is the most number IDs one upload request takes.
const MaxUploadNumbers = 1000

// UploadService reaches /external_connections/{id}/uploads: requests that
// put phone numbers on Microsoft Teams.
type UploadService struct {
	client *telnyx.Client
}

// UploadStatus is the state of an upload, or of one of its numbers, on
// Microsoft Teams. UploadStatusPartialSuccess applies to whole uploads only.
type UploadStatus string

// Known upload states.
const (
	UploadStatusPendingUpload  UploadStatus = "pending_upload"
	UploadStatusPending        UploadStatus = "pending"
	UploadStatusInProgress     UploadStatus = "in_progress"
	UploadStatusPartialSuccess UploadStatus = "partial_success"
	UploadStatusSuccess        UploadStatus = "success"
	UploadStatusError          UploadStatus = "error"
)

// Usage is a use case of numbers on Microsoft Teams.
type Usage string

// Known usages.
const (
	// UsageCallingUserAssignment does not apply to toll-free numbers.
	UsageCallingUserAssignment   Usage = "calling_user_assignment"
	UsageFirstPartyAppAssignment Usage = "first_party_app_assignment"
)

func (u Usage) known() bool {
	return u == UsageCallingUserAssignment || u == UsageFirstPartyAppAssignment
}

// EntryErrorCode is the Microsoft Teams error of one number of an upload.
type EntryErrorCode string

// Known number upload errors.
const (
	EntryErrorCodeInternalError                   EntryErrorCode = "internal_error"
	EntryErrorCodeUnableToRetrieveDefaultLocation EntryErrorCode = "unable_to_retrieve_default_location"
	EntryErrorCodeUnknownCountryCode              EntryErrorCode = "unknown_country_code"
	EntryErrorCodeUnableToRetrieveLocation        EntryErrorCode = "unable_to_retrieve_location"
	EntryErrorCodeUnableToRetrievePartnerInfo     EntryErrorCode = "unable_to_retrieve_partner_info"
	EntryErrorCodeUnableToMatchGeographyEntry     EntryErrorCode = "unable_to_match_geography_entry"
)

// InternalStatus is the state of one number of an upload on Telnyx's side.
type InternalStatus string

// Known internal states.
const (
	InternalStatusPendingAssignment        InternalStatus = "pending_assignment"
	InternalStatusInProgress               InternalStatus = "in_progress"
	InternalStatusAllInternalJobsCompleted InternalStatus = "all_internal_jobs_completed"
	InternalStatusReleaseRequested         InternalStatus = "release_requested"
	InternalStatusReleaseCompleted         InternalStatus = "release_completed"
	InternalStatusError                    InternalStatus = "error"
)

// Upload is a request to put numbers on Microsoft Teams.
type Upload struct {
	TicketID        string       `json:"ticket_id"`
	TenantID        string       `json:"tenant_id"`
	LocationID      string       `json:"location_id"`
	Status          UploadStatus `json:"status"`
	AvailableUsages []Usage      `json:"available_usages"`
	// ErrorCode and ErrorMessage explain a failed upload.
	ErrorCode    string `json:"error_code"`
	ErrorMessage string `json:"error_message"`
	// Entries are the numbers of the upload (tn_upload_entries).
	Entries []UploadEntry `json:"tn_upload_entries"`
}

// UploadEntry is one number of an upload.
type UploadEntry struct {
	NumberID string `json:"number_id"`
	// PhoneNumber is in E.164 format.
	PhoneNumber    string         `json:"phone_number"`
	Status         UploadStatus   `json:"status"`
	ErrorCode      EntryErrorCode `json:"error_code"`
	ErrorMessage   string         `json:"error_message"`
	CivicAddressID string         `json:"civic_address_id"`
	LocationID     string         `json:"location_id"`
	InternalStatus InternalStatus `json:"internal_status"`
}

// UploadListParams filter and page the list of uploads.
type UploadListParams struct {
	Filter *UploadListFilter `url:"filter,omitempty"`
	Page   telnyx.PageParams `url:"page,omitempty"`
}

// UploadListFilter narrows the list of uploads; empty fields do not
// filter.
type UploadListFilter struct {
	Status         *UploadStatusFilter `url:"status,omitempty"`
	CivicAddressID *EqFilter           `url:"civic_address_id,omitempty"`
	LocationID     *EqFilter           `url:"location_id,omitempty"`
	PhoneNumber    *PhoneNumberMatch   `url:"phone_number,omitempty"`
}

// UploadStatusFilter keeps the uploads in any of the states of Eq, sent as
// filter[status][eq][]=a&filter[status][eq][]=b. UploadStatusPartialSuccess
// cannot be filtered on.
type UploadStatusFilter struct {
	Eq []UploadStatus `url:"eq,brackets,omitempty"`
}

// Validate checks the filter values and the page bounds.
func (p UploadListParams) Validate() error {
	if f := p.Filter; f != nil && f.Status != nil {
		for _, st := range f.Status.Eq {
			switch st {
			case UploadStatusPendingUpload, UploadStatusPending, UploadStatusInProgress, UploadStatusSuccess, UploadStatusError:
			default:
				return &telnyx.ValidationError{Field: "filter[status][eq]", Reason: "cannot filter on upload status " + route.Quote(string(st))}
			}
		}
	}
	return p.Page.Validate()
}

// UploadCreateParams describe numbers to upload. NumberIDs is required (1 to
// MaxUploadNumbers IDs); LocationID and CivicAddressID are UUIDs and
// exclude each other.
type UploadCreateParams struct {
	// NumberIDs are the numbers' IDs in the Telnyx API.
	NumberIDs []string `json:"number_ids"`
	Usage     Usage    `json:"usage,omitempty"`
	// AdditionalUsages default, on the API's side, to every supported usage.
	AdditionalUsages []Usage `json:"additional_usages,omitempty"`
	// LocationID assigns every number to this location.
	LocationID *string `json:"location_id,omitempty"`
	// CivicAddressID assigns every number to this civic address.
	CivicAddressID *string `json:"civic_address_id,omitempty"`
}

// Validate checks the required fields and limits before anything is sent.
func (p UploadCreateParams) Validate() error {
	switch n := len(p.NumberIDs); {
	case n == 0:
		return &telnyx.ValidationError{Field: "number_ids", Reason: "is required"}
	case n > MaxUploadNumbers:
		return &telnyx.ValidationError{Field: "number_ids", Reason: fmt.Sprintf("takes at most %d IDs, got %d", MaxUploadNumbers, n)}
	}
	for i, id := range p.NumberIDs {
		if id == "" {
			return &telnyx.ValidationError{Field: fmt.Sprintf("number_ids[%d]", i), Reason: "must not be empty"}
		}
	}
	if p.Usage != "" && !p.Usage.known() {
		return &telnyx.ValidationError{Field: "usage", Reason: "unknown usage " + route.Quote(string(p.Usage))}
	}
	for i, u := range p.AdditionalUsages {
		if !u.known() {
			return &telnyx.ValidationError{Field: fmt.Sprintf("additional_usages[%d]", i), Reason: "unknown usage " + route.Quote(string(u))}
		}
	}
	if p.LocationID != nil && p.CivicAddressID != nil {
		return &telnyx.ValidationError{Field: "civic_address_id", Reason: "cannot be combined with location_id"}
	}
	if err := checkUUID("location_id", p.LocationID); err != nil {
		return err
	}
	return checkUUID("civic_address_id", p.CivicAddressID)
}

// UploadTicket acknowledges a new upload.
type UploadTicket struct {
	Success  bool   `json:"success"`
	TicketID string `json:"ticket_id"`
}

// PendingCounts count the uploads of a connection not yet done.
type PendingCounts struct {
	// PendingNumbersCount counts numbers awaiting assignment to the connection.
	PendingNumbersCount int `json:"pending_numbers_count"`
	// PendingOrdersCount counts uploads not yet sent to Microsoft.
	PendingOrdersCount int `json:"pending_orders_count"`
}

const uploadsPath = "/external_connections/{id}/uploads"

func uploadListRequest(connectionID string, params UploadListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: uploadsPath, PathParams: []string{connectionID}, Query: params}
}

// List returns one page of the uploads of the connection with the given
// numeric id.
//
// API: GET /external_connections/{id}/uploads
func (s *UploadService) List(ctx context.Context, connectionID string, params UploadListParams, opts ...option.RequestOption) (*telnyx.Page[Upload], error) {
	return telnyx.ListPage[Upload](ctx, s.client, uploadListRequest(connectionID, params), opts...)
}

// ListAutoPaging iterates over every upload of the connection matching
// params, fetching pages as the loop needs them.
//
// API: GET /external_connections/{id}/uploads
func (s *UploadService) ListAutoPaging(ctx context.Context, connectionID string, params UploadListParams, opts ...option.RequestOption) iter.Seq2[Upload, error] {
	return telnyx.ListAll[Upload](ctx, s.client, uploadListRequest(connectionID, params), opts...)
}

// Create asks Microsoft Teams to take the numbers of params. The upload runs
// in the background; follow it with Get and the returned ticket ID.
//
// API: POST /external_connections/{id}/uploads
func (s *UploadService) Create(ctx context.Context, connectionID string, params UploadCreateParams, opts ...option.RequestOption) (*UploadTicket, error) {
	var out UploadTicket
	if _, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodPost, Path: uploadsPath, PathParams: []string{connectionID}, Body: params}, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns one upload of a connection with its numbers; ticketID is a
// UUID.
//
// API: GET /external_connections/{id}/uploads/{ticket_id}
func (s *UploadService) Get(ctx context.Context, connectionID, ticketID string, opts ...option.RequestOption) (*Upload, error) {
	return telnyx.Call[Upload](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: "/external_connections/{id}/uploads/{ticket_id}", PathParams: []string{connectionID, ticketID}}, opts...)
}

// Retry tries a failed upload again. The API may answer with a new upload:
// compare the ticket ID of the result with ticketID.
//
// API: POST /external_connections/{id}/uploads/{ticket_id}/retry
func (s *UploadService) Retry(ctx context.Context, connectionID, ticketID string, opts ...option.RequestOption) (*Upload, error) {
	return telnyx.Call[Upload](ctx, s.client, telnyx.Request{Method: http.MethodPost, Path: "/external_connections/{id}/uploads/{ticket_id}/retry", PathParams: []string{connectionID, ticketID}}, opts...)
}

// RefreshAll asks the API to recheck, in the background, the state of every
// pending upload of the connection.
//
// API: POST /external_connections/{id}/uploads/refresh
func (s *UploadService) RefreshAll(ctx context.Context, connectionID string, opts ...option.RequestOption) (*Result, error) {
	var out Result
	if _, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodPost, Path: "/external_connections/{id}/uploads/refresh", PathParams: []string{connectionID}}, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}

// PendingCount counts the pending uploads of the connection and their numbers.
//
// API: GET /external_connections/{id}/uploads/status
func (s *UploadService) PendingCount(ctx context.Context, connectionID string, opts ...option.RequestOption) (*PendingCounts, error) {
	return telnyx.Call[PendingCounts](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: "/external_connections/{id}/uploads/status", PathParams: []string{connectionID}}, opts...)
}
