// Package siprec manages SIPREC connectors: the recording servers (SRS)
// that Telnyx streams calls to over SIPREC.
package siprec

import (
	"context"
	"net/http"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /siprec_connectors endpoints. Use it through
// telnyx.Client.SIPREC.
type Service struct {
	c *core.Client
}

// NewService returns a Service that sends its requests through c.
func NewService(c *core.Client) *Service { return &Service{c: c} }

// Connector is a stored SIPREC connector.
type Connector struct {
	RecordType   string `json:"record_type"`
	Name         string `json:"name"`
	Host         string `json:"host"`
	Port         int    `json:"port"`
	AppSubdomain string `json:"app_subdomain"`
	CreatedAt    string `json:"created_at"`
	UpdatedAt    string `json:"updated_at"`
}

// Params describe a connector to create, or the new configuration of one.
// Name, Host and Port are required.
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
		return core.Invalid("name", "is required")
	case p.Host == "":
		return core.Invalid("host", "is required")
	case p.Port < 1 || p.Port > 65535:
		return core.Invalid("port", "must be between 1 and 65535, got %d", p.Port)
	}
	return nil
}

// Create stores a new connector.
func (s *Service) Create(ctx context.Context, params Params, opts ...option.RequestOption) (*Connector, error) {
	return core.Data[Connector](ctx, s.c, core.Request{Method: http.MethodPost, Path: "/siprec_connectors", Body: params}, opts)
}

// Get returns the connector called name.
func (s *Service) Get(ctx context.Context, name string, opts ...option.RequestOption) (*Connector, error) {
	path, err := core.Path("/siprec_connectors/{connector_name}", name)
	if err != nil {
		return nil, err
	}
	return core.Data[Connector](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}

// Update replaces the configuration of the connector called name.
func (s *Service) Update(ctx context.Context, name string, params Params, opts ...option.RequestOption) (*Connector, error) {
	path, err := core.Path("/siprec_connectors/{connector_name}", name)
	if err != nil {
		return nil, err
	}
	return core.Data[Connector](ctx, s.c, core.Request{Method: http.MethodPut, Path: path, Body: params}, opts)
}

// Delete removes the connector called name.
func (s *Service) Delete(ctx context.Context, name string, opts ...option.RequestOption) error {
	path, err := core.Path("/siprec_connectors/{connector_name}", name)
	if err != nil {
		return err
	}
	return s.c.Do(ctx, core.Request{Method: http.MethodDelete, Path: path}, nil, opts)
}
