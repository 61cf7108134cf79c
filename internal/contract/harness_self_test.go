package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// These tests check the harness itself: a contract suite whose checks
// cannot fail proves nothing.

func TestGeneratedResponsesMatchTheSpec(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	require.Len(t, sp.ops, 48, "the spec's operation count changed")
	for path, item := range sp.doc.Paths.Map() {
		for method, op := range item.Operations() {
			status, ct, body := successResponse(op)
			assert.True(t, status >= 200 && status < 300, "%s %s: status %d", method, path, status)
			mt, _ := successContent(op)
			if mt == nil {
				assert.Empty(t, body, op.OperationID)
				continue
			}
			if !strings.Contains(ct, "json") {
				assert.Equal(t, binaryBody, body, op.OperationID)
				continue
			}
			var v any
			require.NoError(t, json.Unmarshal(body, &v), op.OperationID)
			assert.NoError(t, mt.Schema.Value.VisitJSON(v, openapi3.EnableJSONSchema2020()), "%s: %s", op.OperationID, body)
		}
	}
}

func TestExampleFor(t *testing.T) {
	t.Parallel()
	schema := func(js string) *openapi3.SchemaRef {
		t.Helper()
		var s openapi3.Schema
		require.NoError(t, json.Unmarshal([]byte(js), &s))
		return openapi3.NewSchemaRef("", &s)
	}
	gen := func(js string) string {
		t.Helper()
		b, err := json.Marshal(exampleFor(schema(js)))
		require.NoError(t, err)
		return string(b)
	}
	assert.Equal(t, `"ex"`, gen(`{"type":"string","example":"ex","enum":["a"],"default":"d"}`))
	assert.Equal(t, `"a"`, gen(`{"type":"string","enum":["a","b"],"default":"d"}`))
	assert.Equal(t, `"d"`, gen(`{"type":"string","default":"d"}`))
	assert.Equal(t, `"string-value"`, gen(`{"type":["null","string"]}`))
	assert.Equal(t, `"2024-05-06T07:08:09Z"`, gen(`{"type":"string","format":"date-time"}`))
	assert.Equal(t, `7`, gen(`{"type":"integer","minimum":7}`))
	assert.Equal(t, `true`, gen(`{"type":"boolean"}`))
	assert.Equal(t, `[1,1]`, gen(`{"type":"array","minItems":2,"items":{"type":"integer"}}`))
	assert.Equal(t, `{"a":"x","b":1}`, gen(`{"allOf":[{"type":"object","properties":{"a":{"type":"string","example":"x"}}},{"type":"object","properties":{"b":{"type":"integer"}}}]}`))
	assert.Equal(t, `{"s3":true}`, gen(`{"oneOf":[{"type":"null"},{"type":"object","properties":{"s3":{"type":"boolean"}}},{"type":"string"}]}`))
	assert.Equal(t, `"x"`, gen(`{"anyOf":[{"type":"string","example":"x"},{"type":"integer"}]}`))
	// An object's partial example is completed with the other properties.
	assert.Equal(t, `{"a":"shown","b":true}`, gen(`{"type":"object","example":{"a":"shown"},"properties":{"a":{"type":"string"},"b":{"type":"boolean"}}}`))
}

type sample struct {
	Name   string    `json:"name"`
	Count  int       `json:"count,omitempty"`
	Active bool      `json:"active,omitempty"`
	At     time.Time `json:"at"`
	Tags   []string  `json:"tags,omitempty"`
	Nested *inner    `json:"nested,omitempty"`
	//lint:ignore U1000 an unexported field must be skipped when comparing
	private string
}

type inner struct {
	Port int `json:"port"`
}

func TestCompareServed(t *testing.T) {
	t.Parallel()
	at := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	full := sample{Name: "n", Count: 3, At: at, Tags: []string{"a"}, Nested: &inner{Port: 5060}}
	tests := []struct {
		name     string
		served   string
		got      any
		dropped  []string
		mismatch []string
	}{
		{name: "equal", served: `{"name":"n","count":3.0,"at":"2024-01-02T03:04:05.000Z","tags":["a"],"nested":{"port":5060}}`, got: full},
		{name: "dropped field", served: `{"name":"n","extra":{"deep":1}}`, got: full, dropped: []string{"/extra"}},
		{name: "dropped array item", served: `{"name":"n","tags":["a","b"]}`, got: full, dropped: []string{"/tags/1"}},
		{name: "zero left out by omitempty", served: `{"name":"n","active":false,"count":0,"tags":[]}`, got: sample{Name: "n"}},
		{name: "zero of a field the SDK lacks", served: `{"name":"n","enabled":false,"nested":{"port":0,"host":""}}`, got: sample{Name: "n"}, dropped: []string{"/enabled", "/nested/host"}},
		{name: "null", served: `{"name":"n","nested":null,"unknown":null}`, got: sample{Name: "n"}},
		{name: "null for a value", served: `{"name":"n","nested":null}`, got: full, mismatch: []string{`/nested: served null, SDK {"port":5060}`}},
		{name: "other value", served: `{"name":"m","count":4,"at":"2024-01-02T03:04:06Z"}`, got: full, mismatch: []string{
			`/at: served "2024-01-02T03:04:06Z", SDK "2024-01-02T03:04:05Z"`, `/count: served 4, SDK 3`, `/name: served "m", SDK "n"`}},
		{name: "other type", served: `{"name":"n","count":"3","nested":[1]}`, got: full, mismatch: []string{
			`/count: served "3", SDK 3`, `/nested: served an array, SDK {"port":5060}`}},
		{name: "null result", served: `{"name":"n"}`, got: (*sample)(nil), mismatch: []string{`/: served {"name":"n"}, SDK null`}},
		{name: "map result", served: `{"data":[{"name":"n","port":1}]}`, got: map[string]any{"data": []sample{{Name: "n"}}}, dropped: []string{"/data/0/port"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, err := compareServed([]byte(tt.served), tt.got)
			require.NoError(t, err)
			assert.Equal(t, tt.dropped, d.Dropped)
			assert.Equal(t, tt.mismatch, d.Mismatched)
		})
	}
}

func TestCompareServedSecrets(t *testing.T) {
	t.Parallel()
	type creds struct {
		Key     telnyx.Secret `json:"key"`
		Account telnyx.Secret `json:"account"`
	}
	got := creds{Key: telnyx.NewSecret("****"), Account: telnyx.NewSecret(`{"project_id": "p"}`)}
	d, err := compareServed([]byte(`{"key":"****","account":{"project_id":"p"}}`), got)
	require.NoError(t, err)
	assert.Empty(t, d.Dropped)
	assert.Empty(t, d.Mismatched, "a secret holds what was served")

	d, err = compareServed([]byte(`{"key":"other","account":{"project_id":"q"}}`), got)
	require.NoError(t, err)
	assert.Equal(t, []string{
		`/account: served {"project_id":"q"}, SDK a secret holding another value`,
		`/key: served "other", SDK a secret holding another value`,
	}, d.Mismatched)
}

func TestAllowed(t *testing.T) {
	t.Parallel()
	assert.True(t, allowed("/data/0/port", []string{"/data/*/port"}))
	assert.True(t, allowed("/data/0/port/x", []string{"/data"}))
	assert.False(t, allowed("/data/0/host", []string{"/data/*/port"}))
	assert.False(t, allowed("/data", []string{"/data/*/port"}))
	assert.False(t, allowed("/data", nil))
}

func TestContractServerRejectsBadRequests(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	const good = `{"name":"rec","host":"srs.example.com","port":5060}`
	tests := []struct {
		name, method, path, body, accept, auth string
		wantErr                                string
	}{
		{name: "valid", method: "POST", path: "/v2/siprec_connectors", body: good},
		{name: "no key", method: "POST", path: "/v2/siprec_connectors", body: good, auth: "-", wantErr: "authorization"},
		{name: "wrong type", method: "POST", path: "/v2/siprec_connectors", body: `{"name":"rec","host":"h","port":"5060"}`, wantErr: "port"},
		{name: "missing required", method: "POST", path: "/v2/siprec_connectors", body: `{"name":"rec","port":5060}`, wantErr: "host"},
		{name: "body where none is documented", method: "DELETE", path: "/v2/siprec_connectors/rec", body: `{}`, wantErr: "body"},
		{name: "undeclared query", method: "GET", path: "/v2/siprec_connectors/rec?filter[x]=1", wantErr: "filter[x]"},
		{name: "bad enum in deepObject array", method: "GET", path: "/v2/external_connections/1/uploads?filter[status][eq][]=bogus", wantErr: "filter"},
		{name: "deepObject array in brackets", method: "GET", path: "/v2/external_connections/1/uploads?filter[status][eq][]=pending&filter[status][eq][]=success"},
		{name: "deepObject array comma-separated", method: "GET", path: "/v2/external_connections/1/uploads?filter[status][eq]=pending,success"},
		{name: "bad enum in comma-separated array", method: "GET", path: "/v2/external_connections/1/uploads?filter[status][eq]=pending,bogus", wantErr: "bogus"},
		{name: "deepObject array repeated", method: "GET", path: "/v2/external_connections/1/uploads?filter[status][eq]=pending&filter[status][eq]=success", wantErr: "indexes"},
		{name: "page size over the maximum", method: "GET", path: "/v2/recordings?page[size]=900", wantErr: "maximum"},
		{name: "Accept excludes the answer", method: "GET", path: "/v2/media/a/download", accept: "application/json", wantErr: "Accept"},
		{name: "Accept matches the answer", method: "GET", path: "/v2/media/a/download", accept: "application/octet-stream"},
		{name: "no such path", method: "GET", path: "/v2/nothing", wantErr: "matches no operation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newContractServer(t, sp)
			req, err := http.NewRequestWithContext(t.Context(), tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			require.NoError(t, err)
			if tt.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			if tt.auth != "-" {
				req.Header.Set("Authorization", "Bearer "+apiKey)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			seen := srv.seen()
			require.Len(t, seen, 1)
			if tt.wantErr == "" {
				assert.NoError(t, seen[0].ReqErr)
				assert.NoError(t, seen[0].RespErr)
				return
			}
			require.Error(t, seen[0].ReqErr)
			assert.Contains(t, seen[0].ReqErr.Error(), tt.wantErr)
		})
	}
}

func TestRunCaseReportsProblems(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	type partial struct {
		Name string `json:"name"`
		Port string `json:"port"`
	}
	problems := runCase(t, sp, contractCase{
		op: "createSiprecConnector", at: "/data",
		call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			conn, err := siprec.New(c).Get(ctx, "rec")
			if err != nil {
				return nil, err
			}
			return partial{Name: conn.Name, Port: "5060"}, nil
		},
		dropped: []string{"/record_type"},
	})
	joined := strings.Join(problems, "\n")
	assert.Contains(t, joined, `reached operation "getSiprecConnector", want "createSiprecConnector"`)
	assert.Contains(t, joined, "the SDK dropped served field /data/host")
	assert.NotContains(t, joined, "/data/record_type", "allow-listed")
	assert.Contains(t, joined, `decoded value differs: /data/port: served 5060, SDK "5060"`)

	problems = runCase(t, sp, contractCase{
		op: "getSiprecConnector", at: "/data",
		call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Get(ctx, "rec", option.WithAPIKey("other-key"))
		},
	})
	assert.Contains(t, strings.Join(problems, "\n"), "does not match the spec")

	problems = runCase(t, sp, contractCase{
		op: "getSiprecConnector", at: "/data", response: `{"data":{"name":"rec","port":"5060"}}`,
		call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Get(ctx, "rec")
		},
	})
	assert.Contains(t, strings.Join(problems, "\n"), "the served response does not match the spec")

	problems = runCase(t, sp, contractCase{
		op: "getSiprecConnector", at: "/data", status: 201,
		call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			return siprec.New(c).Get(ctx, "rec")
		},
		verify: func(any) error { return errors.New("verify ran") },
	})
	joined = strings.Join(problems, "\n")
	assert.Contains(t, joined, "the served response does not match the spec")
	assert.Contains(t, joined, "verify ran")
}

func TestRunCaseChecksRefusals(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	create := func(ctx context.Context, c *telnyx.Client) (any, error) {
		return siprec.New(c).Create(ctx, siprec.Params{Name: "rec", Host: "srs.example.com", Port: 5060})
	}
	assert.Empty(t, runCase(t, sp, contractCase{op: "createSiprecConnector", refusal: http.StatusUnprocessableEntity, call: create}))

	// The contract server serves the refusal whatever the call; a call
	// that hides the error is caught.
	problems := runCase(t, sp, contractCase{
		op: "createSiprecConnector", refusal: http.StatusUnprocessableEntity,
		call: func(ctx context.Context, c *telnyx.Client) (any, error) {
			_, err := create(ctx, c)
			return nil, errors.Unwrap(err)
		},
	})
	assert.Contains(t, strings.Join(problems, "\n"), "want a *telnyx.Error with status 422")

	// The refusal must be one the spec documents.
	problems = runCase(t, sp, contractCase{op: "createSiprecConnector", refusal: http.StatusConflict, call: create})
	assert.Contains(t, strings.Join(problems, "\n"), "the served response does not match the spec")
}

func TestContractServerValidatesMultipart(t *testing.T) {
	t.Parallel()
	sp := loadSpec(t)
	send := func(t *testing.T, method, path string, fields map[string]string, file bool) exchange {
		t.Helper()
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, v := range fields {
			require.NoError(t, mw.WriteField(k, v))
		}
		if file {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", `form-data; name="media"; filename="a.mp3"`)
			h.Set("Content-Type", "audio/mpeg")
			part, err := mw.CreatePart(h)
			require.NoError(t, err)
			_, _ = part.Write(mp3)
		}
		require.NoError(t, mw.Close())
		srv := newContractServer(t, sp)
		req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, &body)
		require.NoError(t, err)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+apiKey)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		seen := srv.seen()
		require.Len(t, seen, 1)
		return seen[0]
	}
	ex := send(t, "POST", "/v2/media", map[string]string{"media_name": "a", "ttl_secs": "60"}, true)
	assert.NoError(t, ex.ReqErr)
	ex = send(t, "POST", "/v2/media", map[string]string{"media_name": "a"}, false)
	if assert.Error(t, ex.ReqErr) {
		assert.Contains(t, ex.ReqErr.Error(), "media")
	}
	ex = send(t, "PUT", "/v2/media/a", map[string]string{"ttl_secs": "sixty"}, true)
	if assert.Error(t, ex.ReqErr) {
		assert.Contains(t, ex.ReqErr.Error(), "ttl_secs")
	}
}
