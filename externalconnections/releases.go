package externalconnections

import (
	"context"
	"iter"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// ReleaseService reaches /external_connections/{id}/releases: the releases
// of numbers from Microsoft Teams, created when a number on Teams moves to
// another connection.
type ReleaseService struct {
	client *telnyx.Client
}

// ReleaseStatus is the state of a release on Microsoft Teams.
type ReleaseStatus string

// Known release states.
const (
	ReleaseStatusPendingUpload ReleaseStatus = "pending_upload"
	ReleaseStatusPending       ReleaseStatus = "pending"
	ReleaseStatusInProgress    ReleaseStatus = "in_progress"
	ReleaseStatusComplete      ReleaseStatus = "complete"
	ReleaseStatusFailed        ReleaseStatus = "failed"
	ReleaseStatusExpired       ReleaseStatus = "expired"
	ReleaseStatusUnknown       ReleaseStatus = "unknown"
)

func (s ReleaseStatus) known() bool {
	switch s {
	case ReleaseStatusPendingUpload, ReleaseStatusPending, ReleaseStatusInProgress, ReleaseStatusComplete,
		ReleaseStatusFailed, ReleaseStatusExpired, ReleaseStatusUnknown:
		return true
	}
	return false
}

// Release is a request to take numbers off Microsoft Teams.
type Release struct {
	TicketID         string           `json:"ticket_id"`
	TenantID         string           `json:"tenant_id"`
	Status           ReleaseStatus    `json:"status"`
	ErrorMessage     string           `json:"error_message"`
	TelephoneNumbers []ReleasedNumber `json:"telephone_numbers"`
	CreatedAt        telnyx.Timestamp `json:"created_at"`
}

// ReleasedNumber is one number of a release.
type ReleasedNumber struct {
	// PhoneNumber is in E.164 format.
	PhoneNumber string `json:"phone_number"`
	// NumberID is the number's ID in the Telnyx API.
	NumberID string `json:"number_id"`
}

// ReleaseListParams filter and page the list of releases.
type ReleaseListParams struct {
	Filter *ReleaseListFilter `url:"filter,omitempty"`
	Page   telnyx.PageParams  `url:"page,omitempty"`
}

// ReleaseListFilter narrows the list of releases; empty fields do not
// filter.
type ReleaseListFilter struct {
	Status         *ReleaseStatusFilter `url:"status,omitempty"`
	CivicAddressID *EqFilter            `url:"civic_address_id,omitempty"`
	LocationID     *EqFilter            `url:"location_id,omitempty"`
	// PhoneNumber matches an E.164 number exactly, or 3 to 15 of its digits
	// with Contains.
	PhoneNumber *PhoneNumberMatch `url:"phone_number,omitempty"`
}

// ReleaseStatusFilter keeps the releases in any of the states of Eq, sent
// as filter[status][eq][]=a&filter[status][eq][]=b.
type ReleaseStatusFilter struct {
	Eq []ReleaseStatus `url:"eq,brackets,omitempty"`
}

// Validate checks the filter values and the page bounds.
func (p ReleaseListParams) Validate() error {
	if f := p.Filter; f != nil {
		if f.Status != nil {
			for _, st := range f.Status.Eq {
				if !st.known() {
					return &telnyx.ValidationError{Field: "filter[status][eq]", Reason: "unknown release status " + route.Quote(string(st))}
				}
			}
		}
		if f.PhoneNumber != nil {
			if err := checkPartialNumber("filter[phone_number][contains]", f.PhoneNumber.Contains); err != nil {
				return err
			}
		}
	}
	return p.Page.Validate()
}

func releaseListRequest(connectionID string, params ReleaseListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: "/external_connections/{id}/releases", PathParams: []string{connectionID}, Query: params}
}

// List returns one page of the releases of the connection with the given
// numeric id.
//
// API: GET /external_connections/{id}/releases
func (s *ReleaseService) List(ctx context.Context, connectionID string, params ReleaseListParams, opts ...option.RequestOption) (*telnyx.Page[Release], error) {
	return telnyx.ListPage[Release](ctx, s.client, releaseListRequest(connectionID, params), opts...)
}

// ListAutoPaging iterates over every release of the connection matching
// params, fetching pages as the loop needs them.
//
// API: GET /external_connections/{id}/releases
func (s *ReleaseService) ListAutoPaging(ctx context.Context, connectionID string, params ReleaseListParams, opts ...option.RequestOption) iter.Seq2[Release, error] {
	return telnyx.ListAll[Release](ctx, s.client, releaseListRequest(connectionID, params), opts...)
}

// Get returns one release of a connection with its numbers; releaseID is
// a UUID.
//
// API: GET /external_connections/{id}/releases/{release_id}
func (s *ReleaseService) Get(ctx context.Context, connectionID, releaseID string, opts ...option.RequestOption) (*Release, error) {
	return telnyx.Call[Release](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: "/external_connections/{id}/releases/{release_id}",
		PathParams: []string{connectionID, releaseID}}, opts...)
}
