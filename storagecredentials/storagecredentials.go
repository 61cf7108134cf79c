// Package storagecredentials manages the custom storage credentials of a
// connection: the Google Cloud Storage, AWS S3 or Azure Blob Storage bucket
// its call recordings are written to.
//
// The configuration types hold secrets. Printing them with fmt (any verb)
// or logging them with slog shows the secret fields as [REDACTED]; only the
// JSON sent to the API carries them.
package storagecredentials

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /custom_storage_credentials endpoints.
type Service struct {
	c *core.Client
}

// NewService returns a Service that sends its requests through c.
func NewService(c *core.Client) *Service { return &Service{c: c} }

// Backend names a storage provider.
type Backend string

// Storage backends.
const (
	BackendGCS   Backend = "gcs"
	BackendS3    Backend = "s3"
	BackendAzure Backend = "azure"
)

// Configuration is the settings of one backend: GCSConfiguration,
// S3Configuration or AzureConfiguration (values or pointers), or, in
// answers only, UnknownConfiguration for a backend this SDK does not know.
type Configuration interface {
	// Backend names the backend the configuration is for.
	Backend() Backend
	slog.LogValuer
	validate() error
}

// Credentials is the storage configuration stored for a connection.
type Credentials struct {
	ConnectionID string
	RecordType   string
	Backend      Backend
	// Configuration holds a GCSConfiguration, S3Configuration,
	// AzureConfiguration or UnknownConfiguration value; nil when the API
	// sent none.
	Configuration Configuration
}

// document is the shape of the API's answer.
type document struct {
	Data struct {
		Backend       Backend         `json:"backend"`
		Configuration json.RawMessage `json:"configuration"`
	} `json:"data"`
	ConnectionID string `json:"connection_id"`
	RecordType   string `json:"record_type"`
}

// UnmarshalJSON reads the API's document, {"data": {"backend": ...,
// "configuration": ...}, "connection_id": ..., "record_type": ...}, and
// decodes the configuration into the type its backend calls for.
func (c *Credentials) UnmarshalJSON(b []byte) error {
	var doc document
	if err := json.Unmarshal(b, &doc); err != nil {
		return err
	}
	raw := bytes.TrimSpace(doc.Data.Configuration)
	backend := doc.Data.Backend
	if backend == "" && len(raw) > 0 && raw[0] == '{' {
		var inner struct {
			Backend Backend `json:"backend"`
		}
		_ = json.Unmarshal(raw, &inner)
		backend = inner.Backend
	}
	cfg, err := decodeConfiguration(backend, raw)
	if err != nil {
		return err
	}
	*c = Credentials{ConnectionID: doc.ConnectionID, RecordType: doc.RecordType, Backend: backend, Configuration: cfg}
	return nil
}

// MarshalJSON writes the same document UnmarshalJSON reads, secrets
// included.
func (c Credentials) MarshalJSON() ([]byte, error) {
	var doc struct {
		Data struct {
			Backend       Backend       `json:"backend"`
			Configuration Configuration `json:"configuration"`
		} `json:"data"`
		ConnectionID string `json:"connection_id"`
		RecordType   string `json:"record_type"`
	}
	doc.Data.Backend, doc.Data.Configuration = c.Backend, c.Configuration
	doc.ConnectionID, doc.RecordType = c.ConnectionID, c.RecordType
	return json.Marshal(doc)
}

// LogValue logs the credentials with their secrets redacted.
func (c Credentials) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("connection_id", c.ConnectionID),
		slog.String("record_type", c.RecordType),
		slog.String("backend", string(c.Backend)),
		slog.Any("configuration", c.Configuration),
	)
}

func decodeConfiguration(backend Backend, raw json.RawMessage) (Configuration, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var (
		cfg Configuration
		err error
	)
	switch backend {
	case BackendGCS:
		var v GCSConfiguration
		err, cfg = json.Unmarshal(raw, &v), v
	case BackendS3:
		var v S3Configuration
		err, cfg = json.Unmarshal(raw, &v), v
	case BackendAzure:
		var v AzureConfiguration
		err, cfg = json.Unmarshal(raw, &v), v
	default:
		return UnknownConfiguration{backend: backend, Raw: append(json.RawMessage(nil), raw...)}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("decoding the %s configuration: %w", backend, err)
	}
	return cfg, nil
}

// Params describe the storage to use for a connection. The backend sent is
// the one of Configuration, so the two cannot disagree.
type Params struct {
	// Configuration is required: a GCSConfiguration, S3Configuration or
	// AzureConfiguration, as a value or a pointer.
	Configuration Configuration
}

// Validate checks the configuration before anything is sent. Its messages
// never quote a secret.
func (p Params) Validate() error {
	if isNil(p.Configuration) {
		return core.Invalid("configuration", "is required")
	}
	return p.Configuration.validate()
}

// MarshalJSON writes {"backend": ..., "configuration": {"backend": ...,
// ...}}, secrets included: the API needs them.
func (p Params) MarshalJSON() ([]byte, error) {
	var backend Backend
	if !isNil(p.Configuration) {
		backend = p.Configuration.Backend()
	}
	return json.Marshal(struct {
		Backend       Backend       `json:"backend"`
		Configuration Configuration `json:"configuration"`
	}{backend, p.Configuration})
}

// LogValue logs the params with their secrets redacted.
func (p Params) LogValue() slog.Value {
	if isNil(p.Configuration) {
		return slog.GroupValue(slog.Any("configuration", nil))
	}
	return slog.GroupValue(
		slog.String("backend", string(p.Configuration.Backend())),
		slog.Any("configuration", p.Configuration),
	)
}

// isNil reports a nil interface or a nil pointer in one.
func isNil(c Configuration) bool {
	if c == nil {
		return true
	}
	v := reflect.ValueOf(c)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// GCSConfiguration is a Google Cloud Storage bucket. Empty fields are not
// sent.
type GCSConfiguration struct {
	// Credentials is the secret token Telnyx authenticates with.
	Credentials string `json:"credentials,omitempty"`
	Bucket      string `json:"bucket,omitempty"`
}

// Backend returns BackendGCS.
func (GCSConfiguration) Backend() Backend { return BackendGCS }

func (c GCSConfiguration) fields() []field {
	return []field{
		{"Credentials", "credentials", c.Credentials, true},
		{"Bucket", "bucket", c.Bucket, false},
	}
}

// validate accepts any fields: the API requires only the backend.
func (GCSConfiguration) validate() error { return nil }

// MarshalJSON adds "backend": "gcs", which the API requires inside the
// configuration.
func (c GCSConfiguration) MarshalJSON() ([]byte, error) {
	type plain GCSConfiguration
	return json.Marshal(struct {
		Backend Backend `json:"backend"`
		plain
	}{BackendGCS, plain(c)})
}

// String shows the fields with Credentials redacted.
func (c GCSConfiguration) String() string { return text(c.fields()) }

// GoString is the %#v form, with Credentials redacted.
func (c GCSConfiguration) GoString() string { return goText("GCSConfiguration", c.fields()) }

// Format prints the redacted form for every verb.
func (c GCSConfiguration) Format(f fmt.State, verb rune) { format(f, verb, c) }

// LogValue logs the fields with Credentials redacted.
func (c GCSConfiguration) LogValue() slog.Value { return logValue(BackendGCS, c.fields()) }

// S3Configuration is an AWS S3 bucket. Empty fields are not sent.
type S3Configuration struct {
	AWSAccessKeyID string `json:"aws_access_key_id,omitempty"`
	// AWSSecretAccessKey is the secret half of the access key.
	AWSSecretAccessKey string `json:"aws_secret_access_key,omitempty"`
	Region             string `json:"region,omitempty"`
	Bucket             string `json:"bucket,omitempty"`
}

// Backend returns BackendS3.
func (S3Configuration) Backend() Backend { return BackendS3 }

func (c S3Configuration) fields() []field {
	return []field{
		{"AWSAccessKeyID", "aws_access_key_id", c.AWSAccessKeyID, false},
		{"AWSSecretAccessKey", "aws_secret_access_key", c.AWSSecretAccessKey, true},
		{"Region", "region", c.Region, false},
		{"Bucket", "bucket", c.Bucket, false},
	}
}

// validate accepts any fields: the API requires only the backend.
func (S3Configuration) validate() error { return nil }

// MarshalJSON adds "backend": "s3", which the API requires inside the
// configuration.
func (c S3Configuration) MarshalJSON() ([]byte, error) {
	type plain S3Configuration
	return json.Marshal(struct {
		Backend Backend `json:"backend"`
		plain
	}{BackendS3, plain(c)})
}

// String shows the fields with AWSSecretAccessKey redacted.
func (c S3Configuration) String() string { return text(c.fields()) }

// GoString is the %#v form, with AWSSecretAccessKey redacted.
func (c S3Configuration) GoString() string { return goText("S3Configuration", c.fields()) }

// Format prints the redacted form for every verb.
func (c S3Configuration) Format(f fmt.State, verb rune) { format(f, verb, c) }

// LogValue logs the fields with AWSSecretAccessKey redacted.
func (c S3Configuration) LogValue() slog.Value { return logValue(BackendS3, c.fields()) }

// AzureConfiguration is an Azure Blob Storage container. Empty fields are
// not sent.
type AzureConfiguration struct {
	AccountName string `json:"account_name,omitempty"`
	// AccountKey is the secret storage account key.
	AccountKey string `json:"account_key,omitempty"`
	Bucket     string `json:"bucket,omitempty"`
}

// Backend returns BackendAzure.
func (AzureConfiguration) Backend() Backend { return BackendAzure }

func (c AzureConfiguration) fields() []field {
	return []field{
		{"AccountName", "account_name", c.AccountName, false},
		{"AccountKey", "account_key", c.AccountKey, true},
		{"Bucket", "bucket", c.Bucket, false},
	}
}

// validate accepts any fields: the API requires only the backend.
func (AzureConfiguration) validate() error { return nil }

// MarshalJSON adds "backend": "azure", which the API requires inside the
// configuration.
func (c AzureConfiguration) MarshalJSON() ([]byte, error) {
	type plain AzureConfiguration
	return json.Marshal(struct {
		Backend Backend `json:"backend"`
		plain
	}{BackendAzure, plain(c)})
}

// String shows the fields with AccountKey redacted.
func (c AzureConfiguration) String() string { return text(c.fields()) }

// GoString is the %#v form, with AccountKey redacted.
func (c AzureConfiguration) GoString() string { return goText("AzureConfiguration", c.fields()) }

// Format prints the redacted form for every verb.
func (c AzureConfiguration) Format(f fmt.State, verb rune) { format(f, verb, c) }

// LogValue logs the fields with AccountKey redacted.
func (c AzureConfiguration) LogValue() slog.Value { return logValue(BackendAzure, c.fields()) }

// UnknownConfiguration is the configuration of a backend this SDK does not
// know, kept as the API sent it. It appears in answers only; params refuse
// it. Printing and logging it show its size, not its content.
type UnknownConfiguration struct {
	backend Backend
	// Raw is the configuration object as received.
	Raw json.RawMessage
}

// Backend returns the backend named in the answer.
func (c UnknownConfiguration) Backend() Backend { return c.backend }

func (c UnknownConfiguration) validate() error {
	return core.Invalid("backend", "must be %q, %q or %q, got %q", BackendGCS, BackendS3, BackendAzure, c.backend)
}

// MarshalJSON writes Raw unchanged.
func (c UnknownConfiguration) MarshalJSON() ([]byte, error) {
	if len(c.Raw) == 0 {
		return []byte("null"), nil
	}
	return c.Raw, nil
}

// String names the backend and hides the content.
func (c UnknownConfiguration) String() string {
	return fmt.Sprintf("{Backend:%s Raw:[REDACTED %d bytes]}", c.backend, len(c.Raw))
}

// GoString is the %#v form, with the content hidden.
func (c UnknownConfiguration) GoString() string {
	return "storagecredentials.UnknownConfiguration" + c.String()
}

// Format prints the redacted form for every verb.
func (c UnknownConfiguration) Format(f fmt.State, verb rune) { format(f, verb, c) }

// LogValue logs the backend and the size of the content.
func (c UnknownConfiguration) LogValue() slog.Value {
	return slog.GroupValue(slog.String("backend", string(c.backend)), slog.Int("raw_bytes", len(c.Raw)))
}

// field describes one configuration field for validation and redaction.
type field struct {
	goName, jsonName, value string
	secret                  bool
}

const redacted = "[REDACTED]"

func (f field) shown() string {
	if f.secret && f.value != "" {
		return redacted
	}
	return f.value
}

func text(fields []field) string {
	b := []byte{'{'}
	for i, f := range fields {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, f.goName...)
		b = append(b, ':')
		b = append(b, f.shown()...)
	}
	return string(append(b, '}'))
}

func goText(typ string, fields []field) string {
	b := []byte("storagecredentials." + typ + "{")
	for i, f := range fields {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, f.goName...)
		b = append(b, ':')
		b = fmt.Appendf(b, "%q", f.shown())
	}
	return string(append(b, '}'))
}

func logValue(backend Backend, fields []field) slog.Value {
	attrs := make([]slog.Attr, 0, len(fields)+1)
	attrs = append(attrs, slog.String("backend", string(backend)))
	for _, f := range fields {
		attrs = append(attrs, slog.String(f.jsonName, f.shown()))
	}
	return slog.GroupValue(attrs...)
}

// format writes %#v as GoString and every other verb as String, so no verb
// reaches the raw fields.
func format(f fmt.State, verb rune, v interface {
	fmt.Stringer
	fmt.GoStringer
}) {
	s := v.String()
	if verb == 'v' && f.Flag('#') {
		s = v.GoString()
	}
	_, _ = f.Write([]byte(s))
}

// Get returns the storage credentials of the connection connectionID.
func (s *Service) Get(ctx context.Context, connectionID string, opts ...option.RequestOption) (*Credentials, error) {
	return s.send(ctx, http.MethodGet, connectionID, nil, opts)
}

// Create stores storage credentials for the connection connectionID.
func (s *Service) Create(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Credentials, error) {
	return s.send(ctx, http.MethodPost, connectionID, params, opts)
}

// Update replaces the storage credentials of the connection connectionID.
func (s *Service) Update(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Credentials, error) {
	return s.send(ctx, http.MethodPut, connectionID, params, opts)
}

// Delete removes the storage credentials of the connection connectionID.
func (s *Service) Delete(ctx context.Context, connectionID string, opts ...option.RequestOption) error {
	path, err := credentialsPath(connectionID)
	if err != nil {
		return err
	}
	return s.c.Do(ctx, core.Request{Method: http.MethodDelete, Path: path}, nil, opts)
}

func (s *Service) send(ctx context.Context, method, connectionID string, body any, opts []option.RequestOption) (*Credentials, error) {
	path, err := credentialsPath(connectionID)
	if err != nil {
		return nil, err
	}
	var out Credentials
	if err := s.c.Do(ctx, core.Request{Method: method, Path: path, Body: body}, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}

func credentialsPath(id string) (string, error) {
	return core.Path("/custom_storage_credentials/{connection_id}", id)
}
