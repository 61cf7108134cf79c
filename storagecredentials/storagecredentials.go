// Package storagecredentials manages the custom storage credentials of a
// connection: the Google Cloud Storage, AWS S3 or Azure Blob Storage bucket
// its call recordings are written to.
//
// The secret fields of the configurations are [telnyx.Secret] values: no way
// of printing, logging or encoding them shows the secret, and only the
// request sent to the API carries it.
package storagecredentials

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /custom_storage_credentials endpoints. It is cheap to
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

// Backend names a storage provider.
type Backend string

// Storage backends.
const (
	BackendGCS   Backend = "gcs"
	BackendS3    Backend = "s3"
	BackendAzure Backend = "azure"
	// BackendS3Generic is an S3-compatible store other than AWS (official
	// SDK v4.97.0, S3GenericConfigurationData).
	BackendS3Generic Backend = "s3-generic"
)

// RecordType names the kind of object an answer holds.
type RecordType string

// RecordTypeCredentials is the record type of stored credentials.
const RecordTypeCredentials RecordType = "custom_storage_credentials"

// Configuration is the settings of one backend: GCSConfiguration,
// S3Configuration, S3GenericConfiguration or AzureConfiguration (values or
// pointers), or, in answers only, UnknownConfiguration for a backend this
// SDK does not know.
type Configuration interface {
	// Backend names the backend the configuration is for.
	Backend() Backend
	wire() wireConfiguration
}

// Credentials is the storage configuration stored for a connection.
type Credentials struct {
	ConnectionID string
	RecordType   RecordType
	// Backend is the backend the answer names beside the configuration.
	// The configuration is decoded by the backend named inside it, which
	// its Backend method reports, so the two can differ.
	Backend Backend
	// Configuration holds a GCSConfiguration, S3Configuration,
	// S3GenericConfiguration, AzureConfiguration or UnknownConfiguration
	// value; nil when the API sent none.
	Configuration Configuration
}

// document is the shape of the API's answer.
type document[C any] struct {
	Data struct {
		Backend       Backend `json:"backend"`
		Configuration C       `json:"configuration"`
	} `json:"data"`
	ConnectionID string     `json:"connection_id"`
	RecordType   RecordType `json:"record_type"`
}

// UnmarshalJSON reads the API's document, {"data": {"backend": ...,
// "configuration": ...}, "connection_id": ..., "record_type": ...}, and
// decodes the configuration into the type of the backend it names itself,
// or of the outer backend when it names none.
func (c *Credentials) UnmarshalJSON(b []byte) error {
	var doc document[json.RawMessage]
	if err := json.Unmarshal(b, &doc); err != nil {
		return err
	}
	cfg, err := decodeConfiguration(doc.Data.Backend, doc.Data.Configuration)
	if err != nil {
		return err
	}
	*c = Credentials{ConnectionID: doc.ConnectionID, RecordType: doc.RecordType, Backend: doc.Data.Backend, Configuration: cfg}
	return nil
}

// MarshalJSON writes the document UnmarshalJSON reads, with the secrets
// redacted and the backend inside the configuration, so that the output
// decodes back into the same configuration type.
func (c Credentials) MarshalJSON() ([]byte, error) {
	var doc document[*wireConfiguration]
	if !isNil(c.Configuration) {
		cfg := c.Configuration.wire()
		doc.Data.Configuration = &cfg
	}
	doc.Data.Backend, doc.ConnectionID, doc.RecordType = c.Backend, c.ConnectionID, c.RecordType
	return json.Marshal(doc)
}

func decodeConfiguration(outer Backend, raw json.RawMessage) (Configuration, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	backend := outer
	var inner struct {
		Backend Backend `json:"backend"`
	}
	if json.Unmarshal(raw, &inner) == nil && inner.Backend != "" {
		backend = inner.Backend
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
	case BackendS3Generic:
		var v S3GenericConfiguration
		err, cfg = json.Unmarshal(raw, &v), v
	case BackendAzure:
		var v AzureConfiguration
		err, cfg = json.Unmarshal(raw, &v), v
	default:
		return UnknownConfiguration{backend: backend, Raw: telnyx.NewSecret(string(raw))}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("decoding the %s configuration: %w", backend, err)
	}
	return cfg, nil
}

// Params describe the storage to use for a connection. The backend sent is
// the one of Configuration, so the two cannot disagree.
type Params struct {
	// Configuration is required: a GCSConfiguration, S3Configuration,
	// S3GenericConfiguration or AzureConfiguration, as a value or a
	// pointer.
	Configuration Configuration `json:"configuration"`
}

// Validate checks the configuration before anything is sent. Its messages
// never quote a secret.
func (p Params) Validate() error {
	if isNil(p.Configuration) {
		return &telnyx.ValidationError{Field: "configuration", Reason: "is required"}
	}
	switch b := p.Configuration.Backend(); b {
	case BackendGCS, BackendS3, BackendAzure:
		return nil
	case BackendS3Generic:
		return p.Configuration.wire().checkS3Generic()
	default:
		return &telnyx.ValidationError{Field: "backend", Reason: fmt.Sprintf("must be %q, %q, %q or %q, got %q", BackendGCS, BackendS3, BackendS3Generic, BackendAzure, b)}
	}
}

// checkS3Generic refuses an s3-generic configuration without a field the
// API requires, or whose endpoint is not an absolute http or https URL.
func (w wireConfiguration) checkS3Generic() error {
	for _, f := range []struct {
		name  string
		empty bool
	}{
		{"bucket", w.Bucket == ""},
		{"region", w.Region == ""},
		{"aws_access_key_id", w.AWSAccessKeyID == ""},
		{"aws_secret_access_key", w.AWSSecretAccessKey.IsZero()},
		{"endpoint", w.Endpoint == ""},
	} {
		if f.empty {
			return &telnyx.ValidationError{Field: "configuration." + f.name, Reason: "is required with backend " + string(BackendS3Generic)}
		}
	}
	u, err := url.Parse(w.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return &telnyx.ValidationError{Field: "configuration.endpoint", Reason: "must be an absolute http or https URL without user info, such as https://s3.example.com"}
	}
	return nil
}

// MarshalJSON writes the body the API takes: the backend of the
// configuration beside it and inside it. The secrets show Redacted; in a
// request the SDK sends, through Service or Client.Post, they carry their
// values.
func (p Params) MarshalJSON() ([]byte, error) {
	var w struct {
		Backend       Backend            `json:"backend,omitempty"`
		Configuration *wireConfiguration `json:"configuration"`
	}
	if !isNil(p.Configuration) {
		cfg := p.Configuration.wire()
		w.Backend, w.Configuration = cfg.Backend, &cfg
	}
	return json.Marshal(w)
}

// wireConfiguration is the configuration as the API reads and writes it:
// every backend's fields, empty ones left out, and the backend inside it.
type wireConfiguration struct {
	Backend            Backend       `json:"backend"`
	Credentials        telnyx.Secret `json:"credentials,omitzero"`
	AWSAccessKeyID     string        `json:"aws_access_key_id,omitempty"`
	AWSSecretAccessKey telnyx.Secret `json:"aws_secret_access_key,omitzero"`
	Region             string        `json:"region,omitempty"`
	AccountName        string        `json:"account_name,omitempty"`
	AccountKey         telnyx.Secret `json:"account_key,omitzero"`
	Bucket             string        `json:"bucket,omitempty"`
	Endpoint           string        `json:"endpoint,omitempty"`
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
	// Credentials is the opaque token Telnyx authenticates with.
	Credentials telnyx.Secret `json:"credentials,omitzero"`
	Bucket      string        `json:"bucket,omitempty"`
}

// Backend returns BackendGCS.
func (GCSConfiguration) Backend() Backend { return BackendGCS }

func (c GCSConfiguration) wire() wireConfiguration {
	return wireConfiguration{Backend: BackendGCS, Credentials: c.Credentials, Bucket: c.Bucket}
}

// S3Configuration is an AWS S3 bucket. Empty fields are not sent.
type S3Configuration struct {
	AWSAccessKeyID string `json:"aws_access_key_id,omitempty"`
	// AWSSecretAccessKey is the secret half of the access key.
	AWSSecretAccessKey telnyx.Secret `json:"aws_secret_access_key,omitzero"`
	Region             string        `json:"region,omitempty"`
	Bucket             string        `json:"bucket,omitempty"`
}

// Backend returns BackendS3.
func (S3Configuration) Backend() Backend { return BackendS3 }

func (c S3Configuration) wire() wireConfiguration {
	return wireConfiguration{Backend: BackendS3, AWSAccessKeyID: c.AWSAccessKeyID, AWSSecretAccessKey: c.AWSSecretAccessKey, Region: c.Region, Bucket: c.Bucket}
}

// S3GenericConfiguration is a bucket of an S3-compatible store, such as
// MinIO, Cloudflare R2, Wasabi or Backblaze B2. Every field is required.
type S3GenericConfiguration struct {
	AWSAccessKeyID string `json:"aws_access_key_id,omitempty"`
	// AWSSecretAccessKey is the secret half of the access key.
	AWSSecretAccessKey telnyx.Secret `json:"aws_secret_access_key,omitzero"`
	Region             string        `json:"region,omitempty"`
	Bucket             string        `json:"bucket,omitempty"`
	// Endpoint is the store's http or https URL: a bare host
	// (https://s3.example.com) or one with a path prefix.
	Endpoint string `json:"endpoint,omitempty"`
}

// Backend returns BackendS3Generic.
func (S3GenericConfiguration) Backend() Backend { return BackendS3Generic }

func (c S3GenericConfiguration) wire() wireConfiguration {
	return wireConfiguration{Backend: BackendS3Generic, AWSAccessKeyID: c.AWSAccessKeyID, AWSSecretAccessKey: c.AWSSecretAccessKey,
		Region: c.Region, Bucket: c.Bucket, Endpoint: c.Endpoint}
}

// AzureConfiguration is an Azure Blob Storage container. Empty fields are
// not sent.
type AzureConfiguration struct {
	AccountName string `json:"account_name,omitempty"`
	// AccountKey is the secret storage account key.
	AccountKey telnyx.Secret `json:"account_key,omitzero"`
	Bucket     string        `json:"bucket,omitempty"`
}

// Backend returns BackendAzure.
func (AzureConfiguration) Backend() Backend { return BackendAzure }

func (c AzureConfiguration) wire() wireConfiguration {
	return wireConfiguration{Backend: BackendAzure, AccountName: c.AccountName, AccountKey: c.AccountKey, Bucket: c.Bucket}
}

// UnknownConfiguration is the configuration of a backend this SDK does not
// know. It appears in answers only; params refuse it.
type UnknownConfiguration struct {
	backend Backend
	// Raw is the configuration object as received. It may hold secrets,
	// so it is a Secret too: Raw.Reveal returns the JSON text.
	Raw telnyx.Secret `json:"raw"`
}

// Backend returns the backend the configuration names.
func (c UnknownConfiguration) Backend() Backend { return c.backend }

func (c UnknownConfiguration) wire() wireConfiguration { return wireConfiguration{Backend: c.backend} }

const credentialsPath = "/custom_storage_credentials/{connection_id}"

// Get returns the storage credentials of the connection connectionID.
//
// API: GET /custom_storage_credentials/{connection_id}
func (s *Service) Get(ctx context.Context, connectionID string, opts ...option.RequestOption) (*Credentials, error) {
	return s.send(ctx, telnyx.Request{Method: http.MethodGet, Path: credentialsPath, PathParams: []string{connectionID}}, opts)
}

// Create stores storage credentials for the connection connectionID.
//
// API: POST /custom_storage_credentials/{connection_id}
func (s *Service) Create(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Credentials, error) {
	return s.send(ctx, telnyx.Request{Method: http.MethodPost, Path: credentialsPath, PathParams: []string{connectionID}, Body: params}, opts)
}

// Update replaces the storage credentials of the connection connectionID.
//
// API: PUT /custom_storage_credentials/{connection_id}
func (s *Service) Update(ctx context.Context, connectionID string, params Params, opts ...option.RequestOption) (*Credentials, error) {
	return s.send(ctx, telnyx.Request{Method: http.MethodPut, Path: credentialsPath, PathParams: []string{connectionID}, Body: params}, opts)
}

// Delete removes the storage credentials of the connection connectionID.
//
// API: DELETE /custom_storage_credentials/{connection_id}
func (s *Service) Delete(ctx context.Context, connectionID string, opts ...option.RequestOption) error {
	_, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodDelete, Path: credentialsPath, PathParams: []string{connectionID}}, nil, opts...)
	return err
}

// send makes r and decodes the whole answer: the connection id and record
// type sit beside "data", not in it.
func (s *Service) send(ctx context.Context, r telnyx.Request, opts []option.RequestOption) (*Credentials, error) {
	var out Credentials
	if _, err := s.client.Do(ctx, r, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}
