// Package externalconnections manages external connections: the SIP
// trunking integrations with Zoom and Microsoft Teams Operator Connect, with
// their log messages, Teams civic addresses and locations, phone numbers,
// releases and number uploads.
package externalconnections

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"unicode/utf8"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /external_connections endpoints. The sub-services
// reach the resources that hang off a connection.
type Service struct {
	c *core.Client

	// LogMessages reads and dismisses the integration's log messages.
	LogMessages *LogMessageService
	// CivicAddresses reads the Teams civic addresses of a connection.
	CivicAddresses *CivicAddressService
	// PhoneNumbers manages the phone numbers of a connection.
	PhoneNumbers *PhoneNumberService
	// Releases reads the number releases of a connection.
	Releases *ReleaseService
	// Uploads manages the number uploads of a connection.
	Uploads *UploadService
}

// NewService returns a Service, and its sub-services, that send their
// requests through c.
func NewService(c *core.Client) *Service {
	return &Service{
		c:              c,
		LogMessages:    NewLogMessageService(c),
		CivicAddresses: NewCivicAddressService(c),
		PhoneNumbers:   NewPhoneNumberService(c),
		Releases:       NewReleaseService(c),
		Uploads:        NewUploadService(c),
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

// Connection is a stored external connection.
type Connection struct {
	// ID is a numeric identifier sent as a string.
	ID         string `json:"id"`
	RecordType string `json:"record_type"`
	// ConnectionName is the name the connection_name filter matches. The
	// spec's schema leaves it out, but the filter implies it.
	ConnectionName        string                `json:"connection_name"`
	Active                bool                  `json:"active"`
	CredentialActive      bool                  `json:"credential_active"`
	ExternalSIPConnection ExternalSIPConnection `json:"external_sip_connection"`
	Tags                  []string              `json:"tags"`
	WebhookEventURL       string                `json:"webhook_event_url"`
	// WebhookEventFailoverURL is empty when no failover URL is set.
	WebhookEventFailoverURL string            `json:"webhook_event_failover_url"`
	WebhookAPIVersion       WebhookAPIVersion `json:"webhook_api_version"`
	// WebhookTimeoutSecs is nil when no timeout is set.
	WebhookTimeoutSecs *int     `json:"webhook_timeout_secs"`
	Inbound            Inbound  `json:"inbound"`
	Outbound           Outbound `json:"outbound"`
	CreatedAt          string   `json:"created_at"`
	UpdatedAt          string   `json:"updated_at"`
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
// connections are made by OperatorConnectService.Refresh.
type CreateParams struct {
	ExternalSIPConnection ExternalSIPConnection `json:"external_sip_connection"`
	// Outbound is always sent, as the API requires it.
	Outbound OutboundParams `json:"outbound"`
	// Inbound, when set, needs its OutboundVoiceProfileID.
	Inbound *CreateInboundParams `json:"inbound,omitempty"`
	Active  *bool                `json:"active,omitempty"`
	Tags    []string             `json:"tags,omitzero"`
	// WebhookEventURL must be an absolute URL, such as https://example.com/hooks.
	WebhookEventURL         *string               `json:"webhook_event_url,omitempty"`
	WebhookEventFailoverURL core.Nullable[string] `json:"webhook_event_failover_url,omitzero"`
	// WebhookTimeoutSecs is between 0 and 30.
	WebhookTimeoutSecs core.Nullable[int] `json:"webhook_timeout_secs,omitzero"`
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
	Tags                    []string              `json:"tags,omitzero"`
	WebhookEventURL         *string               `json:"webhook_event_url,omitempty"`
	WebhookEventFailoverURL core.Nullable[string] `json:"webhook_event_failover_url,omitzero"`
	WebhookTimeoutSecs      core.Nullable[int]    `json:"webhook_timeout_secs,omitzero"`
}

// Validate checks the required fields and limits before anything is sent.
func (p CreateParams) Validate() error {
	switch p.ExternalSIPConnection {
	case "":
		return core.Invalid("external_sip_connection", "is required")
	case ExternalSIPConnectionZoom:
	default:
		return core.Invalid("external_sip_connection", "must be %q, got %q", ExternalSIPConnectionZoom, p.ExternalSIPConnection)
	}
	if p.Inbound != nil && p.Inbound.OutboundVoiceProfileID == "" {
		return core.Invalid("inbound.outbound_voice_profile_id", "is required when inbound is set")
	}
	return validateWebhooks(p.WebhookEventURL, p.WebhookEventFailoverURL, p.WebhookTimeoutSecs)
}

// Validate checks the required fields and limits before anything is sent.
func (p UpdateParams) Validate() error {
	if p.Outbound.OutboundVoiceProfileID == "" {
		return core.Invalid("outbound.outbound_voice_profile_id", "is required")
	}
	return validateWebhooks(p.WebhookEventURL, p.WebhookEventFailoverURL, p.WebhookTimeoutSecs)
}

func validateWebhooks(eventURL *string, failover core.Nullable[string], timeout core.Nullable[int]) error {
	if eventURL != nil && !absoluteURL(*eventURL) {
		return core.Invalid("webhook_event_url", "must be an absolute URL with a scheme, got %q", *eventURL)
	}
	if v, ok := failover.Get(); ok && !absoluteURL(v) {
		return core.Invalid("webhook_event_failover_url", "must be an absolute URL with a scheme, got %q (use telnyx.Null to remove it)", v)
	}
	if v, ok := timeout.Get(); ok && (v < 0 || v > 30) {
		return core.Invalid("webhook_timeout_secs", "must be between 0 and 30, got %d", v)
	}
	return nil
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && u.Host != ""
}

// ListParams filter and page the list of connections.
type ListParams struct {
	Filter *ListFilter     `url:"filter,omitempty"`
	Page   core.PageParams `url:"page,omitempty"`
}

// ListFilter narrows the list of connections; empty fields do not filter.
type ListFilter struct {
	// ConnectionName matches names containing a text of 3 characters or
	// more, ignoring case.
	ConnectionName        *ContainsFilter       `url:"connection_name,omitempty"`
	ExternalSIPConnection ExternalSIPConnection `url:"external_sip_connection,omitempty"`
	ID                    string                `url:"id,omitempty"`
	// CreatedAt matches the creation day, written YYYY-MM-DD.
	CreatedAt string `url:"created_at,omitempty"`
	// PhoneNumber matches connections holding a number; despite the name of
	// the operator, the API wants the full E.164 number.
	PhoneNumber *ContainsFilter `url:"phone_number,omitempty"`
}

// ContainsFilter matches values containing Contains.
type ContainsFilter struct {
	Contains string `url:"contains,omitempty"`
}

// EqFilter matches values equal to Eq.
type EqFilter struct {
	Eq string `url:"eq,omitempty"`
}

// PhoneNumberFilter matches a phone number exactly (Eq) or in part (Contains).
type PhoneNumberFilter struct {
	Eq       string `url:"eq,omitempty"`
	Contains string `url:"contains,omitempty"`
}

// Validate checks the filter values and the page bounds.
func (p ListParams) Validate() error {
	if f := p.Filter; f != nil {
		if f.ConnectionName != nil && f.ConnectionName.Contains != "" && utf8.RuneCountInString(f.ConnectionName.Contains) < 3 {
			return core.Invalid("filter[connection_name][contains]", "needs at least 3 characters, got %q", f.ConnectionName.Contains)
		}
		switch f.ExternalSIPConnection {
		case "", ExternalSIPConnectionZoom, ExternalSIPConnectionOperatorConnect:
		default:
			return core.Invalid("filter[external_sip_connection]", "must be %q or %q, got %q",
				ExternalSIPConnectionZoom, ExternalSIPConnectionOperatorConnect, f.ExternalSIPConnection)
		}
	}
	return p.Page.Validate()
}

// List returns one page of connections.
func (s *Service) List(ctx context.Context, params ListParams, opts ...option.RequestOption) (*core.Page[Connection], error) {
	return core.List[Connection](ctx, s.c, "/external_connections", params, opts)
}

// ListAutoPaging iterates over every connection matching params, fetching
// pages as the loop needs them.
func (s *Service) ListAutoPaging(ctx context.Context, params ListParams, opts ...option.RequestOption) iter.Seq2[Connection, error] {
	return core.AutoPage(ctx, func(ctx context.Context) (*core.Page[Connection], error) {
		return s.List(ctx, params, opts...)
	})
}

// Create stores a new connection.
func (s *Service) Create(ctx context.Context, params CreateParams, opts ...option.RequestOption) (*Connection, error) {
	return core.Data[Connection](ctx, s.c, core.Request{Method: http.MethodPost, Path: "/external_connections", Body: params}, opts)
}

// Get returns the connection with the given id.
func (s *Service) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Connection, error) {
	path, err := core.Path("/external_connections/{id}", id)
	if err != nil {
		return nil, err
	}
	return core.Data[Connection](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}

// Update changes the fields of the connection that params set.
func (s *Service) Update(ctx context.Context, id string, params UpdateParams, opts ...option.RequestOption) (*Connection, error) {
	path, err := core.Path("/external_connections/{id}", id)
	if err != nil {
		return nil, err
	}
	return core.Data[Connection](ctx, s.c, core.Request{Method: http.MethodPatch, Path: path, Body: params}, opts)
}

// Delete removes the connection and returns it as it was. The API refuses
// connections that are in use, active, or Operator Connect ones.
func (s *Service) Delete(ctx context.Context, id string, opts ...option.RequestOption) (*Connection, error) {
	path, err := core.Path("/external_connections/{id}", id)
	if err != nil {
		return nil, err
	}
	return core.Data[Connection](ctx, s.c, core.Request{Method: http.MethodDelete, Path: path}, opts)
}

// UpdateLocationParams set the static emergency address of a location.
// StaticEmergencyAddressID is required.
type UpdateLocationParams struct {
	StaticEmergencyAddressID string `json:"static_emergency_address_id"`
}

// Validate checks the required field before anything is sent.
func (p UpdateLocationParams) Validate() error {
	if p.StaticEmergencyAddressID == "" {
		return core.Invalid("static_emergency_address_id", "is required")
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
func (s *Service) UpdateLocation(ctx context.Context, connectionID, locationID string, params UpdateLocationParams, opts ...option.RequestOption) (*LocationUpdate, error) {
	path, err := core.Path("/external_connections/{id}/locations/{location_id}", connectionID, locationID)
	if err != nil {
		return nil, err
	}
	// The status tells whether orders are still pending: note the status of
	// the last attempt on the way back.
	status := 0
	noteStatus := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(r)
		if resp != nil {
			status = resp.StatusCode
		}
		return resp, err
	})
	update, err := core.Data[LocationUpdate](ctx, s.c, core.Request{Method: http.MethodPatch, Path: path, Body: params},
		append(opts[:len(opts):len(opts)], noteStatus))
	if err != nil {
		return nil, err
	}
	update.OrdersPending = status == http.StatusAccepted
	return update, nil
}

// Result is the answer of actions that only report success.
type Result struct {
	Success bool `json:"success"`
}

// partialNumber reports whether s is 3 to 15 digits, optionally after a
// leading "+", as partial phone number filters require.
func partialNumber(s string) bool {
	if len(s) > 0 && s[0] == '+' {
		s = s[1:]
	}
	if len(s) < 3 || len(s) > 15 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
