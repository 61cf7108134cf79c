// Package siprec manages SIPREC connectors: the recording servers (SRS)
// that Telnyx streams calls to over SIPREC.
package siprec

import (
	"context"
	"fmt"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /siprec_connectors endpoints. It is cheap to build
// and safe for concurrent use.
type Service struct {
	client *telnyx.Client
}

// New returns a Service that sends its requests through client, sharing
// its connection pool and retry budget; opts, as in [telnyx.Client.With],
// are defaults of every call of the service.
func New(client *telnyx.Client, opts ...option.RequestOption) *Service {
	return &Service{client: client.With(opts...)}
}

// RecordType names the kind of object an answer holds.
type RecordType string

// RecordTypeConnector is the record type of a SIPREC connector.
const RecordTypeConnector RecordType = "siprec_connector"

// Connector is a stored SIPREC connector.
type Connector struct {
	RecordType   RecordType       `json:"record_type"`
	Name         string           `json:"name"`
	Host         string           `json:"host"`
	Port         int              `json:"port"`
	AppSubdomain string           `json:"app_subdomain"`
	CreatedAt    telnyx.Timestamp `json:"created_at"`
	UpdatedAt    telnyx.Timestamp `json:"updated_at"`
}

// Params describe a connector to create, or the new configuration
// of one. Name, Host and Port are required.
type Params struct {
	Name string `json:"name"`
	// Host is the hostname or IPv4 address of the recording server.
	Host string `json:"host"`
	Port int    `json:"port"`
	// AppSubdomain routes the call when the recording server is Telnyx's.
	AppSubdomain *string `json:"app_subdomain,omitempty"`
}

// Validate checks the required fields before anything is sent.
func (p Params) Validate() error {
	switch {
	case p.Name == "":
		return &telnyx.ValidationError{Field: "name", Reason: "is required"}
	case p.Host == "":
		return &telnyx.ValidationError{Field: "host", Reason: "is required"}
	case p.Port < 1 || p.Port > 65535:
		return &telnyx.ValidationError{Field: "port", Reason: fmt.Sprintf("must be between 1 and 65535, got %d", p.Port)}
	}
	return nil
}

const connectorPath = "/siprec_connectors/{connector_name}"

// Create stores a new connector.
//
// API: POST /siprec_connectors
func (s *Service) Create(ctx context.Context, params Params, opts ...option.RequestOption) (*Connector, error) {
	return telnyx.Call[Connector](ctx, s.client, telnyx.Request{Method: http.MethodPost, Path: "/siprec_connectors", Body: params}, opts...)
}

// Get returns the connector called name.
//
// API: GET /siprec_connectors/{connector_name}
func (s *Service) Get(ctx context.Context, name string, opts ...option.RequestOption) (*Connector, error) {
	return telnyx.Call[Connector](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: connectorPath, PathParams: []string{name}}, opts...)
}

// Update replaces the configuration of the connector called name.
//
// API: PUT /siprec_connectors/{connector_name}
func (s *Service) Update(ctx context.Context, name string, params Params, opts ...option.RequestOption) (*Connector, error) {
	return telnyx.Call[Connector](ctx, s.client, telnyx.Request{Method: http.MethodPut, Path: connectorPath, PathParams: []string{name}, Body: params}, opts...)
}

// Delete removes the connector called name.
//
// API: DELETE /siprec_connectors/{connector_name}
func (s *Service) Delete(ctx context.Context, name string, opts ...option.RequestOption) error {
	_, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodDelete, Path: connectorPath, PathParams: []string{name}}, nil, opts...)
	return err
}
