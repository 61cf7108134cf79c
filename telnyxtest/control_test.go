package telnyxtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

// The control surface is tested the way a tool in another language uses
// it: plain HTTP with hand-written JSON.

// ctl sends a control request and returns the status, headers and body.
func ctl(t *testing.T, srv *telnyxtest.Server, method, path, body string) (int, http.Header, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, srv.ControlURL()+path, rd)
	require.NoError(t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(b)
}

// answer is the status and headers of a response whose body was read and
// closed.
type answer struct {
	StatusCode int
	Header     http.Header
}

// apiCall sends an API request with the server's key.
func apiCall(t *testing.T, srv *telnyxtest.Server, method, path, body string) (answer, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL()+path, rd)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.APIKey())
	req.Header.Set("Content-Type", "application/json")
	// A fresh connection per call, so that a reset is not retried by Go.
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		return answer{}, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return answer{StatusCode: resp.StatusCode, Header: resp.Header}, nil
}

func newControlled(t *testing.T) *telnyxtest.Server {
	t.Helper()
	srv := telnyxtest.NewServer(telnyxtest.WithControl())
	t.Cleanup(srv.Close)
	return srv
}

func TestControlIndexAndRouting(t *testing.T) {
	t.Parallel()
	srv := newControlled(t)
	require.True(t, strings.HasSuffix(srv.ControlURL(), "/_fake"), srv.ControlURL())
	status, hdr, body := ctl(t, srv, "GET", "", "")
	assert.Equal(t, 200, status)
	assert.NotEmpty(t, hdr.Get("X-Request-Id"), "control answers carry a request id too")
	for _, p := range []string{"/_fake/requests", "/_fake/faults", "/_fake/latency", "/_fake/seed", "/_fake/reset"} {
		assert.Contains(t, body, `"path":"`+p+`"`)
	}
	status, _, body = ctl(t, srv, "GET", "/nope", "")
	assert.Equal(t, 404, status)
	assert.Contains(t, body, `"errors"`)
	status, hdr, _ = ctl(t, srv, "PATCH", "/faults", "{}")
	assert.Equal(t, 405, status)
	assert.Equal(t, "DELETE, GET, POST", hdr.Get("Allow"))
	assert.Empty(t, srv.Requests(), "control requests are not recorded")

	// Without WithControl the prefix is just an unknown path of the API.
	plain := telnyxtest.NewServer()
	t.Cleanup(plain.Close)
	assert.Empty(t, plain.ControlURL())
	req, err := http.NewRequestWithContext(t.Context(), "GET", strings.TrimSuffix(plain.URL(), "/v2")+"/_fake/faults", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+plain.APIKey())
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	assert.Equal(t, 404, resp.StatusCode)
}

func TestControlFaults(t *testing.T) {
	t.Parallel()
	srv := newControlled(t)
	status, _, body := ctl(t, srv, "POST", "/faults", `{"status": 503, "count": 2, "operation": "GetRecordings", "retry_after_secs": 2}`)
	require.Equal(t, 201, status, body)
	assert.JSONEq(t, `{"data":{"count":2,"status":503,"operation":"GetRecordings","retry_after_secs":2}}`, body)
	status, _, body = ctl(t, srv, "POST", "/faults", `{"reset": true, "method": "POST", "path": "/siprec_connectors"}`)
	require.Equal(t, 201, status, body)

	status, _, body = ctl(t, srv, "GET", "/faults", "")
	require.Equal(t, 200, status)
	assert.JSONEq(t, `{"data":{"latency_ms":0,"faults":[
		{"count":2,"status":503,"operation":"GetRecordings","retry_after_secs":2},
		{"count":1,"reset":true,"method":"POST","path":"/v2/siprec_connectors"}]}}`, body)

	for range 2 {
		resp, err := apiCall(t, srv, "GET", "/recordings", "")
		require.NoError(t, err)
		assert.Equal(t, 503, resp.StatusCode)
		assert.Equal(t, "2", resp.Header.Get("Retry-After"))
	}
	resp, err := apiCall(t, srv, "GET", "/recordings", "")
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	_, err = apiCall(t, srv, "POST", "/siprec_connectors", `{"name":"a","host":"h","port":5060}`)
	require.Error(t, err, "the connection is reset")

	// Refused faults name the offending field.
	for in, pointer := range map[string]string{
		`{"status": 200}`:                               "/status",
		`{"status": 500, "count": 0}`:                   "/count",
		`{"status": 500, "reset": true}`:                "/reset",
		`{"reset": true, "retry_after_secs": 1}`:        "/retry_after_secs",
		`{"status": 500, "operation": "getRecordings"}`: "/operation",
	} {
		status, _, body := ctl(t, srv, "POST", "/faults", in)
		assert.Equal(t, 422, status, in)
		assert.Contains(t, body, `"pointer":"`+pointer+`"`, in)
	}
	status, _, body = ctl(t, srv, "POST", "/faults", `{"stauts": 500}`)
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "stauts", "a misspelt field is named")

	ctl(t, srv, "POST", "/faults", `{"status": 500, "count": 5}`)
	status, _, _ = ctl(t, srv, "DELETE", "/faults", "")
	assert.Equal(t, 204, status)
	_, _, body = ctl(t, srv, "GET", "/faults", "")
	assert.JSONEq(t, `{"data":{"faults":[],"latency_ms":0}}`, body)
}

func TestControlLatency(t *testing.T) { //nolint:paralleltest // asserts a call without latency returns within 100ms; tests running beside it would blur that
	srv := newControlled(t)
	status, _, body := ctl(t, srv, "PUT", "/latency", `{"latency_ms": 120}`)
	require.Equal(t, 200, status, body)
	start := time.Now()
	_, err := apiCall(t, srv, "GET", "/media", "")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 120*time.Millisecond)
	_, _, body = ctl(t, srv, "GET", "/faults", "")
	assert.Contains(t, body, `"latency_ms":120`)

	status, _, _ = ctl(t, srv, "PUT", "/latency", `{"latency_ms": -1}`)
	assert.Equal(t, 422, status)
	status, _, _ = ctl(t, srv, "PUT", "/latency", `{}`)
	assert.Equal(t, 422, status)
	ctl(t, srv, "PUT", "/latency", `{"latency_ms": 0}`)
	start = time.Now()
	_, err = apiCall(t, srv, "GET", "/media", "")
	require.NoError(t, err)
	assert.Less(t, time.Since(start), 100*time.Millisecond)
}

func TestControlRequests(t *testing.T) {
	t.Parallel()
	srv := newControlled(t)
	_, err := apiCall(t, srv, "POST", "/siprec_connectors", `{"name":"a","host":"h","port":5060}`)
	require.NoError(t, err)
	_, err = apiCall(t, srv, "GET", "/recordings?page[size]=5", "")
	require.NoError(t, err)

	status, _, body := ctl(t, srv, "GET", "/requests", "")
	require.Equal(t, 200, status)
	var got struct {
		Data []struct {
			Method    string              `json:"method"`
			Path      string              `json:"path"`
			Query     map[string][]string `json:"query"`
			Headers   map[string][]string `json:"headers"`
			Body      string              `json:"body"`
			Operation string              `json:"operation"`
			RequestID string              `json:"request_id"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &got), body)
	require.Len(t, got.Data, 2)
	assert.Equal(t, "createSiprecConnector", got.Data[0].Operation)
	assert.Equal(t, `{"name":"a","host":"h","port":5060}`, got.Data[0].Body)
	assert.Equal(t, []string{"application/json"}, got.Data[0].Headers["Content-Type"])
	assert.NotEmpty(t, got.Data[0].RequestID)
	assert.Equal(t, "/v2/recordings", got.Data[1].Path)
	assert.Equal(t, []string{"5"}, got.Data[1].Query["page[size]"])

	_, _, body = ctl(t, srv, "GET", "/requests?operation=GetRecordings", "")
	assert.Equal(t, 1, strings.Count(body, `"operation"`), body)
	status, _, _ = ctl(t, srv, "GET", "/requests?operation=ListRecordings", "")
	assert.Equal(t, 400, status)

	status, _, _ = ctl(t, srv, "DELETE", "/requests", "")
	assert.Equal(t, 204, status)
	_, _, body = ctl(t, srv, "GET", "/requests", "")
	assert.JSONEq(t, `{"data":[]}`, body)
}

// seedDoc holds every kind of item a seed document takes.
const seedDoc = `{
  "external_connections": [
    {"id": "1293384261075731499", "connection_name": "Teams", "external_sip_connection": "operator_connect",
     "active": true, "outbound": {"outbound_voice_profile_id": "1911630617284445511"}, "created_at": "2024-05-01T10:00:00Z"}
  ],
  "civic_addresses": [
    {"external_connection_id": "1293384261075731499", "id": "318fb664-d341-44d2-8405-e6bfb9ced6d9", "city_or_town": "Austin",
     "locations": [{"id": "c37e5036-1e87-42e6-86a2-b3e8dd39a2ad", "static_emergency_address_id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"}]}
  ],
  "phone_numbers": [{"external_connection_id": "1293384261075731499", "telephone_number": "+19705555098"}],
  "releases": [{"external_connection_id": "1293384261075731499", "status": "pending", "civic_address_id": "318fb664-d341-44d2-8405-e6bfb9ced6d9"}],
  "uploads": [{"external_connection_id": "1293384261075731499", "status": "error", "tn_upload_entries": [{"number_id": "77"}]}],
  "log_messages": [{"id": "555", "detail": "The number could not be assigned."}],
  "recordings": [{"id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1", "from": "+15551230000", "created_at": "2024-05-02T08:00:00Z"}],
  "recording_transcriptions": [{"recording_id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1", "transcription_text": "Hello."}],
  "media": [{"media_name": "greeting.txt", "content": "hello"}, {"media_name": "tone", "content_type": "audio/wav", "content_base64": "UklGRg=="}],
  "siprec_connectors": [{"name": "recorder", "host": "srs.example.com", "port": 5060}],
  "dialogflow_connections": [{"connection_id": "1234541231", "service_account": {"type": "service_account"}}],
  "custom_storage_credentials": [{"connection_id": "1234567890", "backend": "gcs", "configuration": {"backend": "gcs", "bucket": "b"}}]
}`

func TestControlSeedAndReset(t *testing.T) {
	t.Parallel()
	srv := newControlled(t)
	status, _, body := ctl(t, srv, "POST", "/seed", seedDoc)
	require.Equal(t, 201, status, body)
	var stored map[string]map[string][]map[string]any
	require.NoError(t, json.Unmarshal([]byte(body), &stored))
	for _, key := range []string{"external_connections", "civic_addresses", "phone_numbers", "releases", "uploads", "log_messages",
		"recordings", "recording_transcriptions", "media", "siprec_connectors", "dialogflow_connections", "custom_storage_credentials"} {
		assert.NotEmpty(t, stored["data"][key], key)
	}
	assert.Equal(t, "Teams", stored["data"]["external_connections"][0]["connection_name"])
	assert.NotEmpty(t, stored["data"]["phone_numbers"][0]["number_id"], "generated ids are answered")

	for path, want := range map[string]int{
		"/external_connections/1293384261075731499":                                                      200,
		"/external_connections/1293384261075731499/civic_addresses/318fb664-d341-44d2-8405-e6bfb9ced6d9": 200,
		"/external_connections/1293384261075731499/phone_numbers/%2B19705555098":                         200,
		"/external_connections/log_messages/555":                                                         200,
		"/recordings?filter[from]=%2B15551230000":                                                        200,
		"/recordings/428c31b6-7af4-4bcb-b7f5-5013ef9657c1":                                               200,
		"/media/greeting.txt":                    200,
		"/siprec_connectors/recorder":            200,
		"/dialogflow_connections/1234541231":     200,
		"/custom_storage_credentials/1234567890": 200,
	} {
		resp, err := apiCall(t, srv, "GET", path, "")
		require.NoError(t, err)
		assert.Equal(t, want, resp.StatusCode, path)
	}
	// The seeded emergency address is accepted already.
	resp, err := apiCall(t, srv, "PATCH", "/external_connections/1293384261075731499/locations/c37e5036-1e87-42e6-86a2-b3e8dd39a2ad",
		`{"static_emergency_address_id": "318fb664-d341-44d2-8405-e6bfb9ced6d9"}`)
	require.NoError(t, err)
	assert.Equal(t, 422, resp.StatusCode)

	// A bad item is named, and nothing of its document is stored.
	for doc, pointer := range map[string]string{
		`{"recordings": [{}, {"created_at": "yesterday"}]}`:                                      "/recordings/1",
		`{"phone_numbers": [{"telephone_number": "+1"}]}`:                                        "/phone_numbers/0/external_connection_id",
		`{"siprec_connectors": [{"name": "x", "host": "h"}]}`:                                    "/siprec_connectors/0",
		`{"dialogflow_connections": [{"service_account": {}}]}`:                                  "/dialogflow_connections/0/connection_id",
		`{"log_messages": [{"id": "9"}], "media": [{"content": "a", "content_base64": "YQ=="}]}`: "/media/0/content",
		`{"recordings": [{"form": "+1"}]}`:                                                       "/recordings/0",
	} {
		status, _, body := ctl(t, srv, "POST", "/seed", doc)
		assert.Equal(t, 422, status, doc)
		assert.Contains(t, body, `"pointer":"`+pointer+`"`, doc)
	}
	resp, err = apiCall(t, srv, "GET", "/external_connections/log_messages/9", "")
	require.NoError(t, err)
	assert.Equal(t, 404, resp.StatusCode, "an invalid document stores nothing")
	status, _, _ = ctl(t, srv, "POST", "/seed", `{"recording": []}`)
	assert.Equal(t, 400, status, "an unknown key")
	status, _, _ = ctl(t, srv, "POST", "/seed", `[]`)
	assert.Equal(t, 400, status)

	// Reset drops everything, and generated ids start over.
	status, _, _ = ctl(t, srv, "POST", "/seed", `{"demo": true}`)
	require.Equal(t, 201, status)
	ctl(t, srv, "POST", "/faults", `{"status": 500, "count": 9}`)
	status, _, _ = ctl(t, srv, "POST", "/reset", "")
	assert.Equal(t, 204, status)
	assert.Empty(t, srv.Requests())
	resp, err = apiCall(t, srv, "GET", "/external_connections/1293384261075731499", "")
	require.NoError(t, err)
	assert.Equal(t, 404, resp.StatusCode, "no fault left, no data left")
	_, _, body = ctl(t, srv, "POST", "/seed", `{"external_connections": [{}]}`)
	assert.Contains(t, body, `"id":"1930241863466354012"`, "ids start over")
}

// SeedJSON is the same document for Go code.
func TestSeedJSON(t *testing.T) {
	t.Parallel()
	srv := telnyxtest.NewServer()
	t.Cleanup(srv.Close)
	require.NoError(t, srv.SeedJSON([]byte(seedDoc)))
	resp, err := apiCall(t, srv, "GET", "/recording_transcriptions", "")
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	err = srv.SeedJSON([]byte(`{"uploads": [{"external_connection_id": "1", "status": 5}]}`))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "/uploads/0")
}
