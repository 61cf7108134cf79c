package externalconnections

import (
	"context"
	"iter"
	"net/http"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// ReleaseService reaches /external_connections/{id}/releases: the releases
// of numbers from Microsoft Teams, created when a number on Teams moves to
// another connection.
type ReleaseService struct {
	c *core.Client
}

// NewReleaseService returns a ReleaseService that sends its requests
// through c.
func NewReleaseService(c *core.Client) *ReleaseService { return &ReleaseService{c: c} }

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
	CreatedAt        string           `json:"created_at"`
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
	Filter *ReleaseFilter  `url:"filter,omitempty"`
	Page   core.PageParams `url:"page,omitempty"`
}

// ReleaseFilter narrows the list of releases; empty fields do not filter.
type ReleaseFilter struct {
	Status         *ReleaseStatusFilter `url:"status,omitempty"`
	CivicAddressID *EqFilter            `url:"civic_address_id,omitempty"`
	LocationID     *EqFilter            `url:"location_id,omitempty"`
	// PhoneNumber matches an E.164 number exactly, or 3 to 15 of its digits
	// with Contains.
	PhoneNumber *PhoneNumberFilter `url:"phone_number,omitempty"`
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
					return core.Invalid("filter[status][eq]", "unknown release status %q", st)
				}
			}
		}
		if f.PhoneNumber != nil && f.PhoneNumber.Contains != "" && !partialNumber(f.PhoneNumber.Contains) {
			return core.Invalid("filter[phone_number][contains]", "must be 3 to 15 digits, got %q", f.PhoneNumber.Contains)
		}
	}
	return p.Page.Validate()
}

// List returns one page of the releases of the connection with the given id.
func (s *ReleaseService) List(ctx context.Context, connectionID string, params ReleaseListParams, opts ...option.RequestOption) (*core.Page[Release], error) {
	path, err := core.Path("/external_connections/{id}/releases", connectionID)
	if err != nil {
		return nil, err
	}
	return core.List[Release](ctx, s.c, path, params, opts)
}

// ListAutoPaging iterates over every release of the connection matching
// params, fetching pages as the loop needs them.
func (s *ReleaseService) ListAutoPaging(ctx context.Context, connectionID string, params ReleaseListParams, opts ...option.RequestOption) iter.Seq2[Release, error] {
	return core.AutoPage(ctx, func(ctx context.Context) (*core.Page[Release], error) {
		return s.List(ctx, connectionID, params, opts...)
	})
}

// Get returns one release of a connection with its numbers.
func (s *ReleaseService) Get(ctx context.Context, connectionID, releaseID string, opts ...option.RequestOption) (*Release, error) {
	path, err := core.Path("/external_connections/{id}/releases/{release_id}", connectionID, releaseID)
	if err != nil {
		return nil, err
	}
	return core.Data[Release](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}
