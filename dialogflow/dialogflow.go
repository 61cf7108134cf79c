// Package dialogflow manages the Dialogflow connections of Call Control
// applications: the Google service account and agent settings Telnyx uses
// to reach Dialogflow on the application's calls.
package dialogflow

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /dialogflow_connections endpoints. It is cheap to
// build and safe for concurrent use.
type Service struct {
	client *telnyx.Client
}

// New returns a Service that sends its requests through client, sharing
// its connection pool and retry budget; opts, as in [telnyx.Client.With],
// are defaults of every call of the service.
func New(client *telnyx.Client, opts ...option.RequestOption) *Service {
	return &Service{client: client.With(opts...)}
}

// Edition is the Dialogflow edition an agent is built with, sent as
// dialogflow_api.
type Edition string

// Dialogflow editions.
const (
	EditionCX Edition = "cx" // Dialogflow CX
	EditionES Edition = "es" // Dialogflow ES, the API's default
)

// RecordType names the kind of object an answer holds.
type RecordType string

// RecordTypeConnection is the record type of a Dialogflow connection.
const RecordTypeConnection RecordType = "dialogflow_connections"

// Connection is the Dialogflow connection stored for a Call Control
// application.
type Connection struct {
	RecordType            RecordType `json:"record_type"`
	ConnectionID          string     `json:"connection_id"`
	ConversationProfileID string     `json:"conversation_profile_id"`
	Environment           string     `json:"environment"`
	// ServiceAccount is the stored service account as the API shows it,
	// usually masked ("****"). Reveal reads it.
	ServiceAccount telnyx.Secret `json:"service_account"`
	// Edition and Location are filled when the API reports them.
	Edition  Edition `json:"dialogflow_api"`
	Location string  `json:"location"`
}

// Params describe the Dialogflow connection to store for an application.
// ServiceAccount is required; with Edition set to EditionCX,
// ConversationProfileID and Location are required too.
type Params struct {
	// ServiceAccount is the JSON key of a Google service account, sent as
	// is: the contents of the key file, such as
	// telnyx.NewSecret(string(keyFile)).
	ServiceAccount telnyx.Secret `json:"service_account"`
	// Edition defaults to EditionES on the API side when left nil.
	Edition               *Edition `json:"dialogflow_api,omitempty"`
	ConversationProfileID *string  `json:"conversation_profile_id,omitempty"`
	// Location is the region of the agent, such as "global".
	Location    *string `json:"location,omitempty"`
	Environment *string `json:"environment,omitempty"`
}

// Validate checks the required fields and the edition before anything is
// sent. Its messages never quote the service account.
func (p Params) Validate() error {
	sa := bytes.TrimSpace([]byte(p.ServiceAccount.Reveal()))
	switch {
	case len(sa) == 0:
		return &telnyx.ValidationError{Field: "service_account", Reason: "is required"}
	case sa[0] != '{' || !json.Valid(sa):
		return &telnyx.ValidationError{Field: "service_account", Reason: "must be a JSON object"}
	case p.Edition == nil || *p.Edition == EditionES:
		return nil
	case *p.Edition != EditionCX:
		return &telnyx.ValidationError{Field: "dialogflow_api", Reason: fmt.Sprintf("must be %q or %q, got %q", EditionCX, EditionES, *p.Edition)}
	case p.ConversationProfileID == nil || *p.ConversationProfileID == "":
		return &telnyx.ValidationError{Field: "conversation_profile_id", Reason: fmt.Sprintf("is required with dialogflow_api %q", EditionCX)}
	case p.Location == nil || *p.Location == "":
		return &telnyx.ValidationError{Field: "location", Reason: fmt.Sprintf("is required with dialogflow_api %q", EditionCX)}
	}
	return nil
}

// MarshalJSON writes the body the API takes, with the service account as
// the JSON object it holds. The service account shows Redacted; in a
// request the SDK sends, through Service or Client.Post, it carries its
// value.
func (p Params) MarshalJSON() ([]byte, error) {
	type fields Params // the same fields, without this method
	return json.Marshal(struct {
		fields
		ServiceAccount telnyx.Secret `json:"service_account"`
	}{fields(p), p.ServiceAccount.AsJSON()})
}

const connectionPath = "/dialogflow_connections/{connection_id}"

// Get returns the Dialogflow connection of the application connectionID.
//
// API: GET /dialogflow_connections/{connection_id}
func (s *Service) Get(ctx context.Context, connectionID string, opts ...option.RequestOption) (*Connection, error) {
	return telnyx.Call[Connection](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: connectionPath, PathParams: []string{connectionID}}, opts...)
}

// Create stores a Dialogflow connection for the application connectionID.
//
// API: POST /dialogflow_connections/{connection_id}
func (s *Service) Create(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Connection, error) {
	return telnyx.Call[Connection](ctx, s.client, telnyx.Request{Method: http.MethodPost, Path: connectionPath, PathParams: []string{connectionID}, Body: params}, opts...)
}

// Update replaces the Dialogflow connection of the application
// connectionID.
//
// API: PUT /dialogflow_connections/{connection_id}
func (s *Service) Update(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Connection, error) {
	return telnyx.Call[Connection](ctx, s.client, telnyx.Request{Method: http.MethodPut, Path: connectionPath, PathParams: []string{connectionID}, Body: params}, opts...)
}

// Delete removes the Dialogflow connection of the application connectionID.
//
// API: DELETE /dialogflow_connections/{connection_id}
func (s *Service) Delete(ctx context.Context, connectionID string, opts ...option.RequestOption) error {
	_, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodDelete, Path: connectionPath, PathParams: []string{connectionID}}, nil, opts...)
	return err
}
