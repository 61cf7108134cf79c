package externalconnections

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// MaxUploadNumbers is the most number IDs one upload request takes.
const MaxUploadNumbers = 1000

// UploadService reaches /external_connections/{id}/uploads: requests that
// put phone numbers on Microsoft Teams.
type UploadService struct {
	c *core.Client
}

// NewUploadService returns an UploadService that sends its requests
// through c.
func NewUploadService(c *core.Client) *UploadService { return &UploadService{c: c} }

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
	EntryErrorInternalError                   EntryErrorCode = "internal_error"
	EntryErrorUnableToRetrieveDefaultLocation EntryErrorCode = "unable_to_retrieve_default_location"
	EntryErrorUnknownCountryCode              EntryErrorCode = "unknown_country_code"
	EntryErrorUnableToRetrieveLocation        EntryErrorCode = "unable_to_retrieve_location"
	EntryErrorUnableToRetrievePartnerInfo     EntryErrorCode = "unable_to_retrieve_partner_info"
	EntryErrorUnableToMatchGeographyEntry     EntryErrorCode = "unable_to_match_geography_entry"
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
	Filter *UploadFilter   `url:"filter,omitempty"`
	Page   core.PageParams `url:"page,omitempty"`
}

// UploadFilter narrows the list of uploads; empty fields do not filter.
type UploadFilter struct {
	Status         *UploadStatusFilter `url:"status,omitempty"`
	CivicAddressID *EqFilter           `url:"civic_address_id,omitempty"`
	LocationID     *EqFilter           `url:"location_id,omitempty"`
	PhoneNumber    *PhoneNumberFilter  `url:"phone_number,omitempty"`
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
				return core.Invalid("filter[status][eq]", "cannot filter on upload status %q", st)
			}
		}
	}
	return p.Page.Validate()
}

// UploadCreateParams describe numbers to upload. NumberIDs is required (1 to
// MaxUploadNumbers IDs); LocationID and CivicAddressID exclude each other.
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
		return core.Invalid("number_ids", "is required")
	case n > MaxUploadNumbers:
		return core.Invalid("number_ids", "takes at most %d IDs, got %d", MaxUploadNumbers, n)
	}
	for i, id := range p.NumberIDs {
		if id == "" {
			return core.Invalid(fmt.Sprintf("number_ids[%d]", i), "must not be empty")
		}
	}
	if p.Usage != "" && !p.Usage.known() {
		return core.Invalid("usage", "unknown usage %q", p.Usage)
	}
	for i, u := range p.AdditionalUsages {
		if !u.known() {
			return core.Invalid(fmt.Sprintf("additional_usages[%d]", i), "unknown usage %q", u)
		}
	}
	if p.LocationID != nil && p.CivicAddressID != nil {
		return core.Invalid("civic_address_id", "cannot be combined with location_id")
	}
	return nil
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

// List returns one page of the uploads of the connection with the given id.
func (s *UploadService) List(ctx context.Context, connectionID string, params UploadListParams, opts ...option.RequestOption) (*core.Page[Upload], error) {
	path, err := core.Path("/external_connections/{id}/uploads", connectionID)
	if err != nil {
		return nil, err
	}
	return core.List[Upload](ctx, s.c, path, params, opts)
}

// ListAutoPaging iterates over every upload of the connection matching
// params, fetching pages as the loop needs them.
func (s *UploadService) ListAutoPaging(ctx context.Context, connectionID string, params UploadListParams, opts ...option.RequestOption) iter.Seq2[Upload, error] {
	return core.AutoPage(ctx, func(ctx context.Context) (*core.Page[Upload], error) {
		return s.List(ctx, connectionID, params, opts...)
	})
}

// Create asks Microsoft Teams to take the numbers of params. The upload runs
// in the background; follow it with Get and the returned ticket ID.
func (s *UploadService) Create(ctx context.Context, connectionID string, params UploadCreateParams, opts ...option.RequestOption) (*UploadTicket, error) {
	path, err := core.Path("/external_connections/{id}/uploads", connectionID)
	if err != nil {
		return nil, err
	}
	var out UploadTicket
	if err := s.c.Do(ctx, core.Request{Method: http.MethodPost, Path: path, Body: params}, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// Get returns one upload of a connection with its numbers.
func (s *UploadService) Get(ctx context.Context, connectionID, ticketID string, opts ...option.RequestOption) (*Upload, error) {
	path, err := core.Path("/external_connections/{id}/uploads/{ticket_id}", connectionID, ticketID)
	if err != nil {
		return nil, err
	}
	return core.Data[Upload](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}

// Retry tries a failed upload again. The API may answer with a new upload:
// compare the ticket ID of the result with ticketID.
func (s *UploadService) Retry(ctx context.Context, connectionID, ticketID string, opts ...option.RequestOption) (*Upload, error) {
	path, err := core.Path("/external_connections/{id}/uploads/{ticket_id}/retry", connectionID, ticketID)
	if err != nil {
		return nil, err
	}
	return core.Data[Upload](ctx, s.c, core.Request{Method: http.MethodPost, Path: path}, opts)
}

// RefreshAll asks the API to recheck, in the background, the state of every
// pending upload of the connection.
func (s *UploadService) RefreshAll(ctx context.Context, connectionID string, opts ...option.RequestOption) (*Result, error) {
	path, err := core.Path("/external_connections/{id}/uploads/refresh", connectionID)
	if err != nil {
		return nil, err
	}
	var out Result
	if err := s.c.Do(ctx, core.Request{Method: http.MethodPost, Path: path}, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

// PendingCount counts the pending uploads of the connection and their numbers.
func (s *UploadService) PendingCount(ctx context.Context, connectionID string, opts ...option.RequestOption) (*PendingCounts, error) {
	path, err := core.Path("/external_connections/{id}/uploads/status", connectionID)
	if err != nil {
		return nil, err
	}
	return core.Data[PendingCounts](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}
