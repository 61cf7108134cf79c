package externalconnections

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/google/go-querystring/query"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /external_connections endpoints. Its fields reach
// the resources that hang off a connection, and the account's Operator
// Connect integration. It is cheap to build and safe for concurrent use.
type Service struct {
	client *telnyx.Client

	// LogMessages reads and dismisses the integrations' log messages.
	LogMessages *LogMessageService
	// CivicAddresses reads the Teams civic addresses of a connection.
	CivicAddresses *CivicAddressService
	// PhoneNumbers manages the phone numbers of a connection.
	PhoneNumbers *PhoneNumberService
	// Releases reads the number releases of a connection.
	Releases *ReleaseService
	// Uploads manages the number uploads of a connection.
	Uploads *UploadService
	// OperatorConnect refreshes the account's Operator Connect integration.
	OperatorConnect *OperatorConnectService
}

// New returns a Service, with its sub-services, that sends its requests
// through client, sharing its connection pool and retry budget; opts, as in [telnyx.Client.With],
// are defaults of every call of the service.
func New(client *telnyx.Client, opts ...option.RequestOption) *Service {
	client = client.With(opts...)
	return &Service{
		client:          client,
		LogMessages:     &LogMessageService{client: client},
		CivicAddresses:  &CivicAddressService{client: client},
		PhoneNumbers:    &PhoneNumberService{client: client},
		Releases:        &ReleaseService{client: client},
		Uploads:         &UploadService{client: client},
		OperatorConnect: &OperatorConnectService{client: client},
	}
}

// ExternalSIPConnection names the service that consumes a connection.
type ExternalSIPConnection string

// Known external SIP connection kinds.
const (
	ExternalSIPConnectionZoom            ExternalSIPConnection = "zoom"
	ExternalSIPConnectionOperatorConnect ExternalSIPConnection = "operator_connect"
)

// WebhookAPIVersion is the format of the webhooks a connection sends.
type WebhookAPIVersion string

// Known webhook formats.
const (
	WebhookAPIVersion1 WebhookAPIVersion = "1"
	WebhookAPIVersion2 WebhookAPIVersion = "2"
)

// RecordType names the kind of object an answer holds.
type RecordType string

// The record types of this package's answers.
const (
	RecordTypeConnection   RecordType = "external_connection"
	RecordTypeCivicAddress RecordType = "civic_address"
)

// Connection is a stored external connection.
type Connection struct {
	// ID is a numeric identifier sent as a string.
	ID         string     `json:"id"`
	RecordType RecordType `json:"record_type"`
	// ConnectionName is the name the connection_name filter matches. The
	// spec's schema leaves it out, but the filter implies it.
	ConnectionName        string                `json:"connection_name"`
	Active                bool                  `json:"active"`
	CredentialActive      bool                  `json:"credential_active"`
	ExternalSIPConnection ExternalSIPConnection `json:"external_sip_connection"`
	Tags                  []string              `json:"tags"`
	WebhookEventURL       string                `json:"webhook_event_url"`
	// WebhookEventFailoverURL and WebhookTimeoutSecs are null when not
	// set (IsNull); they have the types UpdateParams takes, so a value read
	// can be sent back as it is.
	WebhookEventFailoverURL telnyx.Nullable[string] `json:"webhook_event_failover_url"`
	WebhookAPIVersion       WebhookAPIVersion       `json:"webhook_api_version"`
	WebhookTimeoutSecs      telnyx.Nullable[int]    `json:"webhook_timeout_secs"`
	Inbound                 Inbound                 `json:"inbound"`
	Outbound                Outbound                `json:"outbound"`
	CreatedAt               telnyx.Timestamp        `json:"created_at"`
	UpdatedAt               telnyx.Timestamp        `json:"updated_at"`
}

// Inbound holds the settings of calls towards a connection's numbers.
type Inbound struct {
	// ChannelLimit caps concurrent inbound calls; nil means no cap.
	ChannelLimit *int `json:"channel_limit"`
}

// Outbound holds the settings of calls from a connection's numbers.
type Outbound struct {
	// ChannelLimit caps concurrent outbound calls; nil means no cap.
	ChannelLimit           *int   `json:"channel_limit"`
	OutboundVoiceProfileID string `json:"outbound_voice_profile_id"`
}

// CreateParams describe a connection to create. ExternalSIPConnection is
// required and must be ExternalSIPConnectionZoom: Operator Connect
// connections come from OperatorConnectService.Refresh.
type CreateParams struct {
	ExternalSIPConnection ExternalSIPConnection `json:"external_sip_connection"`
	// Outbound is always sent, as the API requires it.
	Outbound OutboundParams `json:"outbound"`
	// Inbound, when set, needs its OutboundVoiceProfileID.
	Inbound *CreateInboundParams `json:"inbound,omitempty"`
	Active  *bool                `json:"active,omitempty"`
	Tags    []string             `json:"tags,omitzero"`
	// WebhookEventURL must be an absolute URL, such as https://example.com/hooks.
	WebhookEventURL         *string                 `json:"webhook_event_url,omitempty"`
	WebhookEventFailoverURL telnyx.Nullable[string] `json:"webhook_event_failover_url,omitzero"`
	// WebhookTimeoutSecs is between 0 and 30.
	WebhookTimeoutSecs telnyx.Nullable[int] `json:"webhook_timeout_secs,omitzero"`
}

// CreateInboundParams are the inbound settings of a new connection.
// OutboundVoiceProfileID is required.
type CreateInboundParams struct {
	OutboundVoiceProfileID string `json:"outbound_voice_profile_id"`
	ChannelLimit           *int   `json:"channel_limit,omitempty"`
}

// OutboundParams are the outbound settings of a connection. On update
// OutboundVoiceProfileID is required; on create it is left out when empty.
type OutboundParams struct {
	OutboundVoiceProfileID string `json:"outbound_voice_profile_id,omitempty"`
	ChannelLimit           *int   `json:"channel_limit,omitempty"`
}

// UpdateInboundParams are the inbound settings that an update can change.
type UpdateInboundParams struct {
	ChannelLimit *int `json:"channel_limit,omitempty"`
}

// UpdateParams change a connection. Outbound.OutboundVoiceProfileID is
// required; every other field left unset keeps its value. Null clears the
// failover URL and the timeout.
type UpdateParams struct {
	Outbound OutboundParams       `json:"outbound"`
	Inbound  *UpdateInboundParams `json:"inbound,omitempty"`
	Active   *bool                `json:"active,omitempty"`
	// Tags replaces the connection's tags when not nil; an empty, non-nil
	// slice removes them all.
	Tags                    []string                `json:"tags,omitzero"`
	WebhookEventURL         *string                 `json:"webhook_event_url,omitempty"`
	WebhookEventFailoverURL telnyx.Nullable[string] `json:"webhook_event_failover_url,omitzero"`
	WebhookTimeoutSecs      telnyx.Nullable[int]    `json:"webhook_timeout_secs,omitzero"`
}

// Validate checks the required fields and limits before anything is sent.
func (p CreateParams) Validate() error {
	switch p.ExternalSIPConnection {
	case "":
		return &telnyx.ValidationError{Field: "external_sip_connection", Reason: "is required"}
	case ExternalSIPConnectionZoom:
	default:
		return &telnyx.ValidationError{Field: "external_sip_connection",
			Reason: fmt.Sprintf("must be %q, got %s", ExternalSIPConnectionZoom, route.Quote(string(p.ExternalSIPConnection)))}
	}
	if p.Inbound != nil && p.Inbound.OutboundVoiceProfileID == "" {
		return &telnyx.ValidationError{Field: "inbound.outbound_voice_profile_id", Reason: "is required when inbound is set"}
	}
	return validateWebhooks(p.WebhookEventURL, p.WebhookEventFailoverURL, p.WebhookTimeoutSecs)
}

// Validate checks the required fields and limits before anything is sent.
func (p UpdateParams) Validate() error {
	if p.Outbound.OutboundVoiceProfileID == "" {
		return &telnyx.ValidationError{Field: "outbound.outbound_voice_profile_id", Reason: "is required"}
	}
	return validateWebhooks(p.WebhookEventURL, p.WebhookEventFailoverURL, p.WebhookTimeoutSecs)
}

func validateWebhooks(eventURL *string, failover telnyx.Nullable[string], timeout telnyx.Nullable[int]) error {
	if eventURL != nil && !absoluteURL(*eventURL) {
		return &telnyx.ValidationError{Field: "webhook_event_url",
			Reason: "must be an absolute URL with a scheme, got " + route.Quote(*eventURL)}
	}
	if v, ok := failover.Get(); ok && !absoluteURL(v) {
		return &telnyx.ValidationError{Field: "webhook_event_failover_url",
			Reason: "must be an absolute URL with a scheme, got " + route.Quote(v) + " (use telnyx.Null to remove it)"}
	}
	if v, ok := timeout.Get(); ok && (v < 0 || v > 30) {
		return &telnyx.ValidationError{Field: "webhook_timeout_secs", Reason: fmt.Sprintf("must be between 0 and 30, got %d", v)}
	}
	return nil
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// ListParams filter and page the list of connections.
type ListParams struct {
	Filter *ListFilter       `url:"filter,omitempty"`
	Page   telnyx.PageParams `url:"page,omitempty"`
}

// ListFilter narrows the list of connections; empty fields do not filter.
type ListFilter struct {
	// ConnectionName matches names containing a text of 3 characters or
	// more, ignoring case.
	ConnectionName        *ContainsFilter       `url:"connection_name,omitempty"`
	ExternalSIPConnection ExternalSIPConnection `url:"external_sip_connection,omitempty"`
	ID                    string                `url:"id,omitempty"`
	// CreatedAt matches the connections created on the same UTC day; only
	// the day is sent, as YYYY-MM-DD. Build one with telnyx.Date.
	CreatedAt telnyx.Timestamp `url:"-"`
	// PhoneNumber matches connections holding a number; despite the name of
	// the operator, the API wants the full E.164 number.
	PhoneNumber *ContainsFilter `url:"phone_number,omitempty"`
}

// EncodeValues writes the filter as query values under key, the way the
// API reads them: filter[id]=..., filter[created_at]=YYYY-MM-DD. It makes
// ListFilter a go-querystring query.Encoder.
func (f ListFilter) EncodeValues(key string, v *url.Values) error {
	type plain ListFilter // the same fields, without this method
	vals, err := query.Values(plain(f))
	if err != nil {
		return err
	}
	for k, vs := range vals {
		// "connection_name[contains]" becomes "filter[connection_name][contains]".
		name, rest, nested := strings.Cut(k, "[")
		k = key + "[" + name + "]"
		if nested {
			k += "[" + rest
		}
		(*v)[k] = append((*v)[k], vs...)
	}
	if !f.CreatedAt.IsZero() {
		v.Set(key+"[created_at]", f.CreatedAt.UTC().Format("2006-01-02"))
	}
	return nil
}

// ContainsFilter matches values containing Contains.
type ContainsFilter struct {
	Contains string `url:"contains,omitempty"`
}

// EqFilter matches values equal to Eq.
type EqFilter struct {
	Eq string `url:"eq,omitempty"`
}

// PhoneNumberMatch matches a phone number exactly (Eq) or in part
// (Contains), in the filters of log messages, phone numbers, releases and
// uploads.
type PhoneNumberMatch struct {
	Eq       string `url:"eq,omitempty"`
	Contains string `url:"contains,omitempty"`
}

// Validate checks the filter values and the page bounds.
func (p ListParams) Validate() error {
	if f := p.Filter; f != nil {
		if f.ConnectionName != nil && f.ConnectionName.Contains != "" && utf8.RuneCountInString(f.ConnectionName.Contains) < 3 {
			return &telnyx.ValidationError{Field: "filter[connection_name][contains]",
				Reason: "needs at least 3 characters, got " + route.Quote(f.ConnectionName.Contains)}
		}
		switch f.ExternalSIPConnection {
		case "", ExternalSIPConnectionZoom, ExternalSIPConnectionOperatorConnect:
		default:
			return &telnyx.ValidationError{Field: "filter[external_sip_connection]",
				Reason: fmt.Sprintf("must be %q or %q, got %s", ExternalSIPConnectionZoom, ExternalSIPConnectionOperatorConnect,
					route.Quote(string(f.ExternalSIPConnection)))}
		}
	}
	return p.Page.Validate()
}

const connectionPath = "/external_connections/{id}"

func listRequest(params ListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: "/external_connections", Query: params}
}

// List returns one page of connections.
//
// API: GET /external_connections
func (s *Service) List(ctx context.Context, params ListParams, opts ...option.RequestOption) (*telnyx.Page[Connection], error) {
	return telnyx.ListPage[Connection](ctx, s.client, listRequest(params), opts...)
}

// ListAutoPaging iterates over every connection matching params, fetching
// pages as the loop needs them.
//
// API: GET /external_connections
func (s *Service) ListAutoPaging(ctx context.Context, params ListParams, opts ...option.RequestOption) iter.Seq2[Connection, error] {
	return telnyx.ListAll[Connection](ctx, s.client, listRequest(params), opts...)
}

// Create stores a new connection.
//
// API: POST /external_connections
func (s *Service) Create(ctx context.Context, params CreateParams, opts ...option.RequestOption) (*Connection, error) {
	return telnyx.Call[Connection](ctx, s.client, telnyx.Request{Method: http.MethodPost, Path: "/external_connections", Body: params}, opts...)
}

// Get returns the connection with the given numeric id.
//
// API: GET /external_connections/{id}
func (s *Service) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Connection, error) {
	return telnyx.Call[Connection](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: connectionPath, PathParams: []string{id}}, opts...)
}

// Update changes the fields of the connection that params set.
//
// API: PATCH /external_connections/{id}
func (s *Service) Update(ctx context.Context, id string, params UpdateParams, opts ...option.RequestOption) (*Connection, error) {
	return telnyx.Call[Connection](ctx, s.client, telnyx.Request{Method: http.MethodPatch, Path: connectionPath, PathParams: []string{id}, Body: params}, opts...)
}

// Delete removes the connection and returns it as it was. The API refuses
// connections that are in use, active, or Operator Connect ones.
//
// API: DELETE /external_connections/{id}
func (s *Service) Delete(ctx context.Context, id string, opts ...option.RequestOption) (*Connection, error) {
	return telnyx.Call[Connection](ctx, s.client, telnyx.Request{Method: http.MethodDelete, Path: connectionPath, PathParams: []string{id}}, opts...)
}

// LocationUpdateParams set the static emergency address of a location.
// StaticEmergencyAddressID is required and is a UUID.
type LocationUpdateParams struct {
	StaticEmergencyAddressID string `json:"static_emergency_address_id"`
}

// Validate checks the required field before anything is sent.
func (p LocationUpdateParams) Validate() error {
	if p.StaticEmergencyAddressID == "" {
		return &telnyx.ValidationError{Field: "static_emergency_address_id", Reason: "is required"}
	}
	return checkUUID("static_emergency_address_id", &p.StaticEmergencyAddressID)
}

// checkUUID refuses a set value that is not a UUID.
func checkUUID(field string, v *string) error {
	if v == nil {
		return nil
	}
	if reason := route.Mismatch(route.UUID, *v); reason != "" {
		return &telnyx.ValidationError{Field: field, Reason: reason}
	}
	return nil
}

// LocationUpdate is the outcome of UpdateLocation.
type LocationUpdate struct {
	LocationID                 string `json:"location_id"`
	StaticEmergencyAddressID   string `json:"static_emergency_address_id"`
	AcceptedAddressSuggestions bool   `json:"accepted_address_suggestions"`
	// OrdersPending reports that the API accepted the change and is still
	// processing the orders of the location's numbers (HTTP 202).
	OrdersPending bool `json:"-"`
}

// UpdateLocation sets the static emergency address of a Teams location.
// Unlike the other methods, this endpoint identifies the connection by a
// UUID, not by its numeric id.
//
// API: PATCH /external_connections/{id}/locations/{location_id}
func (s *Service) UpdateLocation(ctx context.Context, connectionID, locationID string, params LocationUpdateParams, opts ...option.RequestOption) (*LocationUpdate, error) {
	var env struct {
		Data LocationUpdate `json:"data"`
	}
	resp, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodPatch, Path: "/external_connections/{id}/locations/{location_id}",
		PathParams: []string{connectionID, locationID}, Body: params}, &env, opts...)
	if err != nil {
		return nil, err
	}
	env.Data.OrdersPending = resp.StatusCode == http.StatusAccepted
	return &env.Data, nil
}

// Result is the answer of actions that only report success.
type Result struct {
	Success bool `json:"success"`
}

// checkPartialNumber refuses a partial phone number filter value that is
// not 3 to 15 digits, optionally after a leading "+". Empty does not filter.
func checkPartialNumber(field, v string) error {
	if v == "" {
		return nil
	}
	digits := strings.TrimPrefix(v, "+")
	ok := len(digits) >= 3 && len(digits) <= 15
	for i := 0; ok && i < len(digits); i++ {
		ok = digits[i] >= '0' && digits[i] <= '9'
	}
	if !ok {
		return &telnyx.ValidationError{Field: field, Reason: "must be 3 to 15 digits, got " + route.Quote(v)}
	}
	return nil
}
