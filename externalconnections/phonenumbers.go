package externalconnections

import (
	"context"
	"iter"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// PhoneNumberService reaches /external_connections/{id}/phone_numbers: the
// active phone numbers of a connection.
type PhoneNumberService struct {
	client *telnyx.Client
}

// Capability is something a number can do on Microsoft Teams.
type Capability string

// Known capabilities.
const (
	CapabilityFirstPartyAppAssignment Capability = "FirstPartyAppAssignment"
	CapabilityInboundCalling          Capability = "InboundCalling"
	CapabilityOffice365               Capability = "Office365"
	CapabilityOutboundCalling         Capability = "OutboundCalling"
	CapabilityUserAssignment          Capability = "UserAssignment"
)

// PhoneNumber is a phone number as seen by a connection.
type PhoneNumber struct {
	TicketID string `json:"ticket_id"`
	// TelephoneNumber is in E.164 format.
	TelephoneNumber string `json:"telephone_number"`
	// NumberID is the number's ID in the Telnyx API.
	NumberID       string `json:"number_id"`
	CivicAddressID string `json:"civic_address_id"`
	LocationID     string `json:"location_id"`
	// DisplayedCountryCode is the ISO country code shown to called users.
	DisplayedCountryCode string       `json:"displayed_country_code"`
	AcquiredCapabilities []Capability `json:"acquired_capabilities"`
}

// PhoneNumberListParams filter and page the list of phone numbers.
type PhoneNumberListParams struct {
	Filter *PhoneNumberListFilter `url:"filter,omitempty"`
	Page   telnyx.PageParams      `url:"page,omitempty"`
}

// PhoneNumberListFilter narrows the list of phone numbers; empty fields do
// not filter.
type PhoneNumberListFilter struct {
	PhoneNumber    *PhoneNumberMatch `url:"phone_number,omitempty"`
	CivicAddressID *EqFilter         `url:"civic_address_id,omitempty"`
	LocationID     *EqFilter         `url:"location_id,omitempty"`
}

// Validate checks the page bounds.
func (p PhoneNumberListParams) Validate() error { return p.Page.Validate() }

// PhoneNumberUpdateParams change a number's settings; unset fields keep
// their value.
type PhoneNumberUpdateParams struct {
	// LocationID moves the number to another Teams location; it is a UUID.
	LocationID *string `json:"location_id,omitempty"`
}

// Validate checks that LocationID, when set, is a UUID.
func (p PhoneNumberUpdateParams) Validate() error { return checkUUID("location_id", p.LocationID) }

const (
	phoneNumbersPath = "/external_connections/{id}/phone_numbers"
	phoneNumberPath  = "/external_connections/{id}/phone_numbers/{phone_number_id}"
)

func phoneNumberListRequest(connectionID string, params PhoneNumberListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: phoneNumbersPath, PathParams: []string{connectionID}, Query: params}
}

// List returns one page of the numbers of the connection with the given
// numeric id.
//
// API: GET /external_connections/{id}/phone_numbers
func (s *PhoneNumberService) List(ctx context.Context, connectionID string, params PhoneNumberListParams, opts ...option.RequestOption) (*telnyx.Page[PhoneNumber], error) {
	return telnyx.ListPage[PhoneNumber](ctx, s.client, phoneNumberListRequest(connectionID, params), opts...)
}

// ListAutoPaging iterates over every number of the connection matching
// params, fetching pages as the loop needs them.
//
// API: GET /external_connections/{id}/phone_numbers
func (s *PhoneNumberService) ListAutoPaging(ctx context.Context, connectionID string, params PhoneNumberListParams, opts ...option.RequestOption) iter.Seq2[PhoneNumber, error] {
	return telnyx.ListAll[PhoneNumber](ctx, s.client, phoneNumberListRequest(connectionID, params), opts...)
}

// Get returns one number of a connection; phoneNumberID is the number's ID
// in the Telnyx API, not the number itself.
//
// API: GET /external_connections/{id}/phone_numbers/{phone_number_id}
func (s *PhoneNumberService) Get(ctx context.Context, connectionID, phoneNumberID string, opts ...option.RequestOption) (*PhoneNumber, error) {
	return telnyx.Call[PhoneNumber](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: phoneNumberPath,
		PathParams: []string{connectionID, phoneNumberID}}, opts...)
}

// Update changes the settings of one number of a connection. The API
// applies the change asynchronously.
//
// API: PATCH /external_connections/{id}/phone_numbers/{phone_number_id}
func (s *PhoneNumberService) Update(ctx context.Context, connectionID, phoneNumberID string, params PhoneNumberUpdateParams, opts ...option.RequestOption) (*PhoneNumber, error) {
	return telnyx.Call[PhoneNumber](ctx, s.client, telnyx.Request{Method: http.MethodPatch, Path: phoneNumberPath,
		PathParams: []string{connectionID, phoneNumberID}, Body: params}, opts...)
}
