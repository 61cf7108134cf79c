// Package dialogflow manages the Dialogflow connections of Call Control
// applications: the Google service account and agent settings Telnyx uses
// to reach Dialogflow on the application's calls.
package dialogflow

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /dialogflow_connections endpoints.
type Service struct {
	c *core.Client
}

// NewService returns a Service that sends its requests through c.
func NewService(c *core.Client) *Service { return &Service{c: c} }

// API selects the Dialogflow edition.
type API string

// Dialogflow editions.
const (
	APICX API = "cx" // Dialogflow CX
	APIES API = "es" // Dialogflow ES, the API's default
)

// Connection is the Dialogflow connection stored for a Call Control
// application.
type Connection struct {
	RecordType            string `json:"record_type"`
	ConnectionID          string `json:"connection_id"`
	ConversationProfileID string `json:"conversation_profile_id"`
	Environment           string `json:"environment"`
	// ServiceAccount is the stored service account as the API shows it:
	// masked, such as "****".
	ServiceAccount string `json:"service_account"`
	// DialogflowAPI and Location are filled when the API reports them.
	DialogflowAPI API    `json:"dialogflow_api"`
	Location      string `json:"location"`
}

// Params describe the Dialogflow connection to store for an application.
// ServiceAccount is required; with DialogflowAPI set to APICX,
// ConversationProfileID and Location are required too.
type Params struct {
	ServiceAccount ServiceAccount `json:"service_account"`
	// DialogflowAPI defaults to APIES on the API side when left nil.
	DialogflowAPI         *API    `json:"dialogflow_api,omitempty"`
	ConversationProfileID *string `json:"conversation_profile_id,omitempty"`
	// Location is the region of the agent, such as "global".
	Location    *string `json:"location,omitempty"`
	Environment *string `json:"environment,omitempty"`
}

// Validate checks the required fields and the edition before anything is
// sent. Its messages never quote the service account.
func (p Params) Validate() error {
	if err := p.ServiceAccount.validate(); err != nil {
		return err
	}
	if p.DialogflowAPI == nil {
		return nil
	}
	switch *p.DialogflowAPI {
	case APIES:
	case APICX:
		if p.ConversationProfileID == nil || *p.ConversationProfileID == "" {
			return core.Invalid("conversation_profile_id", "is required with dialogflow_api %q", APICX)
		}
		if p.Location == nil || *p.Location == "" {
			return core.Invalid("location", "is required with dialogflow_api %q", APICX)
		}
	default:
		return core.Invalid("dialogflow_api", "must be %q or %q, got %q", APICX, APIES, *p.DialogflowAPI)
	}
	return nil
}

// LogValue logs the params with the service account redacted.
func (p Params) LogValue() slog.Value {
	attrs := []slog.Attr{slog.Any("service_account", p.ServiceAccount)}
	if p.DialogflowAPI != nil {
		attrs = append(attrs, slog.String("dialogflow_api", string(*p.DialogflowAPI)))
	}
	for _, f := range []struct {
		key string
		v   *string
	}{{"conversation_profile_id", p.ConversationProfileID}, {"location", p.Location}, {"environment", p.Environment}} {
		if f.v != nil {
			attrs = append(attrs, slog.String(f.key, *f.v))
		}
	}
	return slog.GroupValue(attrs...)
}

// ServiceAccount is the JSON key of a Google service account, sent as is:
// typically the contents of the key file, as read with os.ReadFile. It
// holds a private key, so printing it with fmt (any verb) or logging it with
// slog shows only its client_email and project_id.
type ServiceAccount []byte

const redacted = "[REDACTED]"

// MarshalJSON sends the key unchanged.
func (s ServiceAccount) MarshalJSON() ([]byte, error) {
	if len(s) == 0 {
		return []byte("null"), nil
	}
	return s, nil
}

func (s ServiceAccount) validate() error {
	if len(bytes.TrimSpace(s)) == 0 {
		return core.Invalid("service_account", "is required")
	}
	if t := bytes.TrimSpace(s); t[0] != '{' || !json.Valid(t) {
		return core.Invalid("service_account", "must be a JSON object")
	}
	return nil
}

// identity returns the fields that are safe to show.
func (s ServiceAccount) identity() (email, project string) {
	var id struct {
		ClientEmail string `json:"client_email"`
		ProjectID   string `json:"project_id"`
	}
	if json.Unmarshal(s, &id) == nil {
		return id.ClientEmail, id.ProjectID
	}
	return "", ""
}

// String shows the client_email and project_id and hides the rest.
func (s ServiceAccount) String() string {
	if len(s) == 0 {
		return "{}"
	}
	var b strings.Builder
	b.WriteByte('{')
	email, project := s.identity()
	if email != "" {
		fmt.Fprintf(&b, "client_email:%s ", email)
	}
	if project != "" {
		fmt.Fprintf(&b, "project_id:%s ", project)
	}
	b.WriteString(redacted + "}")
	return b.String()
}

// GoString is the %#v form, redacted like String.
func (s ServiceAccount) GoString() string { return "dialogflow.ServiceAccount" + s.String() }

// Format prints the redacted form for every verb.
func (s ServiceAccount) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = io.WriteString(f, s.GoString())
		return
	}
	_, _ = io.WriteString(f, s.String())
}

// LogValue logs the client_email and project_id only.
func (s ServiceAccount) LogValue() slog.Value {
	email, project := s.identity()
	attrs := make([]slog.Attr, 0, 3)
	if email != "" {
		attrs = append(attrs, slog.String("client_email", email))
	}
	if project != "" {
		attrs = append(attrs, slog.String("project_id", project))
	}
	if len(s) > 0 {
		attrs = append(attrs, slog.String("private_key", redacted))
	}
	return slog.GroupValue(attrs...)
}

// Get returns the Dialogflow connection of the application connectionID.
func (s *Service) Get(ctx context.Context, connectionID string, opts ...option.RequestOption) (*Connection, error) {
	path, err := connectionPath(connectionID)
	if err != nil {
		return nil, err
	}
	return core.Data[Connection](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}

// Create stores a Dialogflow connection for the application connectionID.
func (s *Service) Create(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Connection, error) {
	path, err := connectionPath(connectionID)
	if err != nil {
		return nil, err
	}
	return core.Data[Connection](ctx, s.c, core.Request{Method: http.MethodPost, Path: path, Body: params}, opts)
}

// Update replaces the Dialogflow connection of the application connectionID.
func (s *Service) Update(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Connection, error) {
	path, err := connectionPath(connectionID)
	if err != nil {
		return nil, err
	}
	return core.Data[Connection](ctx, s.c, core.Request{Method: http.MethodPut, Path: path, Body: params}, opts)
}

// Delete removes the Dialogflow connection of the application connectionID.
func (s *Service) Delete(ctx context.Context, connectionID string, opts ...option.RequestOption) error {
	path, err := connectionPath(connectionID)
	if err != nil {
		return err
	}
	return s.c.Do(ctx, core.Request{Method: http.MethodDelete, Path: path}, nil, opts)
}

func connectionPath(id string) (string, error) {
	return core.Path("/dialogflow_connections/{connection_id}", id)
}
