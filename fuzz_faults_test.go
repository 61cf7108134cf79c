package telnyx_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/dialogflow"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
	"github.com/telnyx-sip-integrations/telnyx-go/storagecredentials"
)

// The fuzz targets of the fault suite. Their seeds, here and under
// testdata/fuzz, run as plain tests; `go test -fuzz FuzzErrorBody` (one
// target at a time) explores further.

// fuzzTransport answers every request in memory with one status, header
// and body, and records the last request.
type fuzzTransport struct {
	status int
	header http.Header
	body   []byte

	mu   sync.Mutex
	last *http.Request
	n    int
}

func (f *fuzzTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
	}
	f.mu.Lock()
	f.last, f.n = r, f.n+1
	f.mu.Unlock()
	h := http.Header{"Content-Type": {"application/json"}}
	for k, v := range f.header {
		h[k] = v
	}
	return &http.Response{StatusCode: f.status, Header: h, Body: io.NopCloser(bytes.NewReader(f.body)), Request: r, ContentLength: -1}, nil
}

func (f *fuzzTransport) requests() (int, *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n, f.last
}

func fuzzClient(t *testing.T, tr *fuzzTransport) *telnyx.Client {
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL("https://api.test/v2"),
		option.WithHTTPClient(&http.Client{Transport: tr}), option.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// controlIn returns the first character of s that must not reach an error
// message: a control character or a bidirectional override.
func controlIn(s string) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) || r == 0x2028 || r == 0x2029 {
			return r, true
		}
	}
	return 0, false
}

// FuzzErrorBody feeds bytes as the body (and a request id) of a 4xx
// answer: the call returns an *Error, never panics, and err.Error() holds
// no control character whatever the server sent.
func FuzzErrorBody(f *testing.F) {
	f.Add(422, "req-1", []byte(`{"errors":[{"code":10015,"title":"Invalid parameter","detail":"outbound is required","source":{"pointer":"/outbound"}}]}`))
	f.Add(404, "", []byte(`{"errors":[{"code":"10005","title":"Not found","source":{"parameter":"id"}}]}`))
	f.Add(400, "a\x1b[2Jb", []byte(`{"errors":[{"code":"1\r\n","title":"t\u0000","detail":"d\u202e","meta":{"x":[1,{}]}}]}`))
	f.Add(429, "", []byte("<html><body>Too many\r\nrequests\x7f\xc2\x85</body></html>"))
	f.Add(401, "\u2028", []byte("plain\x00text\x1b]0;title\x07"))
	f.Add(409, "", []byte(`{"errors":null}`))
	f.Add(403, "", []byte(`{"errors":[null,{"code":null},{"code":1e400}]}`))
	f.Add(418, "", []byte{0xff, 0xfe, 0xfd, '<', 'a'})
	f.Fuzz(func(t *testing.T, status int, requestID string, body []byte) {
		status = 400 + ((status%100)+100)%100
		tr := &fuzzTransport{status: status, header: http.Header{"X-Request-Id": {requestID}}, body: body}
		c := fuzzClient(t, tr)
		_, err := c.Do(context.Background(), telnyx.Request{Method: http.MethodGet, Path: "/things"}, nil)
		var apiErr *telnyx.Error
		if !errors.As(err, &apiErr) {
			t.Fatalf("want *telnyx.Error, got %T %v", err, err)
		}
		if apiErr.StatusCode != status {
			t.Fatalf("status %d, want %d", apiErr.StatusCode, status)
		}
		msg := err.Error()
		if r, bad := controlIn(msg); bad {
			t.Fatalf("Error() holds %U: %q", r, msg)
		}
	})
}

// FuzzAnswerDecoding feeds bytes as the 200 answer of one Get of every
// resource package: each returns a value or an error, never both, never
// neither, and never panics.
func FuzzAnswerDecoding(f *testing.F) {
	const uuid = "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"
	f.Add(0, []byte(`{"data":{"name":"srs","host":"h","port":5060,"created_at":"2024-01-23T18:10:02.574Z"}}`))
	f.Add(1, []byte(`{"data":{"media_name":"a","expires_at":"not a time","content_type":7}}`))
	f.Add(4, []byte(`{"data":{"id":"1293384261075731499","inbound":{"outbound_voice_profile_id":null},"created_at":""}}`))
	f.Add(10, []byte(`{"data":{"backend":"s3","configuration":{"backend":"gcs","credentials":{"k":1}}},"connection_id":"c"}`))
	f.Add(11, []byte(`{"data":{"service_account":{"private_key":"x"},"dialogflow_api":"zz"}}`))
	f.Add(12, []byte(`{"data":{"backend":"ftp","configuration":[1,2]}}`))
	f.Add(3, []byte(`{"data":null}`))
	f.Add(5, []byte(`{"data":[]}`))
	f.Add(2, []byte(`[{"data":{}}]`))
	f.Add(7, []byte(``))
	f.Add(8, []byte(`{"data":{"created_at":"2024-13-45T99:99:99Z"}}`))
	f.Add(9, []byte("{\"data\":{\"id\":\"\xff\"}}"))
	type get func(ctx context.Context, c *telnyx.Client) (any, error)
	wrap := func(v any, err error) (any, error) { return v, err }
	gets := []get{
		func(ctx context.Context, c *telnyx.Client) (any, error) { return wrap(siprec.New(c).Get(ctx, "srs")) },
		func(ctx context.Context, c *telnyx.Client) (any, error) { return wrap(media.New(c).Get(ctx, "a.wav")) },
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(recordings.New(c).Get(ctx, "r1"))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(recordings.New(c).Transcriptions.Get(ctx, uuid))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(externalconnections.New(c).Get(ctx, "1293384261075731499"))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(externalconnections.New(c).LogMessages.Get(ctx, "1"))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(externalconnections.New(c).CivicAddresses.Get(ctx, "1", uuid))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(externalconnections.New(c).PhoneNumbers.Get(ctx, "1", "+15551234567"))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(externalconnections.New(c).Releases.Get(ctx, "1", uuid))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(externalconnections.New(c).Uploads.Get(ctx, "1", uuid))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(storagecredentials.New(c).Get(ctx, "c1"))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(dialogflow.New(c).Get(ctx, "c1"))
		},
		func(ctx context.Context, c *telnyx.Client) (any, error) {
			return wrap(externalconnections.New(c).Uploads.PendingCount(ctx, "1"))
		},
	}
	f.Fuzz(func(t *testing.T, which int, body []byte) {
		tr := &fuzzTransport{status: http.StatusOK, body: body}
		c := fuzzClient(t, tr)
		// Every Get on every input: which only orders them, so that the
		// fuzzer can favour one.
		for i := range gets {
			g := gets[(((which+i)%len(gets))+len(gets))%len(gets)]
			v, err := g(context.Background(), c)
			if isNilPointer(v) == (err == nil) {
				t.Fatalf("Get %d: want exactly one of a value and an error, got %v and %v", i, v, err)
			}
			if err != nil {
				_ = err.Error()
			}
		}
	})
}

// isNilPointer reports whether v is nil or a nil pointer.
func isNilPointer(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

func itoa(n int) string { return strconv.Itoa(n) }

// FuzzListQuery puts fuzzed strings in the list filters of external
// connections and recordings: each call is refused before sending with a
// ValidationError, or sends a query that decodes back to exactly the
// values given, with no key a value could have injected.
func FuzzListQuery(f *testing.F) {
	f.Add("zoom-room", "1293384261075731499", "+15551234567", "operator_connect", "conf-1", "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6", 1, 20)
	f.Add("a&filter[id]=2", "x=y&z", "#frag", "zoom", "a;b", "", 0, 0)
	f.Add("ab", "%zz", "\x00\r\n", "teams", "日本", "not-a-uuid", -1, 251)
	f.Add("+%2B+", "?a=b", "[contains]", "", "\xff\xfe", "7B6A6449-B055-45A6-81F6-F6F0DFFA4CC6", 3, 250)
	f.Fuzz(func(t *testing.T, name, id, phone, sip, conf, leg string, page, size int) {
		tr := &fuzzTransport{status: http.StatusOK, body: []byte(`{"data":[],"meta":{"page_number":1,"total_pages":1}}`)}
		c := fuzzClient(t, tr)
		ctx := context.Background()
		check := func(err error, want url.Values) {
			t.Helper()
			n, last := tr.requests()
			var ve *telnyx.ValidationError
			if errors.As(err, &ve) {
				if n != 0 {
					t.Fatalf("refused (%v) but sent", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if n != 1 {
				t.Fatalf("%d requests sent", n)
			}
			got, perr := url.ParseQuery(last.URL.RawQuery)
			if perr != nil {
				t.Fatalf("query %q does not parse: %v", last.URL.RawQuery, perr)
			}
			for k, v := range want {
				if len(v) == 1 && v[0] == "" {
					delete(want, k) // empty fields are left out
				}
			}
			if len(got) != len(want) {
				t.Fatalf("query %q has keys %v, want %v", last.URL.RawQuery, got, want)
			}
			for k, v := range want {
				if g := got[k]; len(g) != 1 || g[0] != v[0] {
					t.Fatalf("query %s = %q, want %q (raw %q)", k, g, v, last.URL.RawQuery)
				}
			}
		}
		pageVals := func() url.Values {
			v := url.Values{}
			if page != 0 {
				v.Set("page[number]", itoa(page))
			}
			if size != 0 {
				v.Set("page[size]", itoa(size))
			}
			return v
		}
		want := pageVals()
		want.Set("filter[connection_name][contains]", name)
		want.Set("filter[id]", id)
		want.Set("filter[phone_number][contains]", phone)
		want.Set("filter[external_sip_connection]", sip)
		_, err := externalconnections.New(c).List(ctx, externalconnections.ListParams{
			Filter: &externalconnections.ListFilter{ConnectionName: &externalconnections.ContainsFilter{Contains: name}, ID: id,
				PhoneNumber: &externalconnections.ContainsFilter{Contains: phone}, ExternalSIPConnection: externalconnections.ExternalSIPConnection(sip)},
			Page: telnyx.PageParams{Number: page, Size: size},
		})
		check(err, want)

		tr2 := &fuzzTransport{status: http.StatusOK, body: tr.body}
		tr = tr2
		c = fuzzClient(t, tr)
		want = pageVals()
		want.Set("filter[conference_id]", conf)
		want.Set("filter[call_leg_id]", leg)
		want.Set("filter[from]", phone)
		want.Set("filter[to]", name)
		want.Set("filter[sip_call_id]", id)
		_, err = recordings.New(c).List(ctx, recordings.ListParams{
			Filter: &recordings.ListFilter{ConferenceID: conf, CallLegID: leg, From: phone, To: name, SIPCallID: id},
			Page:   telnyx.PageParams{Number: page, Size: size},
		})
		check(err, want)
	})
}

// FuzzPathThroughServices: whatever value a caller passes as a path
// parameter of a service method, it is refused with a ValidationError
// before sending, or it lands, escaped, in the one segment of its own
// operation and unescapes back to itself.
func FuzzPathThroughServices(f *testing.F) {
	for i, v := range []string{"", ".", "..", "a/b", "../recordings", "%2e%2e", "a?b=c", "a#b", "log_messages", "status", "refresh", "actions",
		"download", "a\r\nX: 1", "\x00", "日本", "\u202e", "%zz", "1293384261075731499", "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6", "-1"} {
		f.Add(i, v)
	}
	type op struct {
		template string // with the fuzzed value's segment as {v}
		call     func(ctx context.Context, c *telnyx.Client, v string) error
	}
	const conn, uuid = "1293384261075731499", "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"
	ops := []op{
		{"/media/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := media.New(c).Get(ctx, v)
			return err
		}},
		{"/media/{v}/download", func(ctx context.Context, c *telnyx.Client, v string) error {
			d, err := media.New(c).Download(ctx, v)
			if err == nil {
				_ = d.Close()
			}
			return err
		}},
		{"/siprec_connectors/{v}", func(ctx context.Context, c *telnyx.Client, v string) error { return siprec.New(c).Delete(ctx, v) }},
		{"/recordings/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := recordings.New(c).Get(ctx, v)
			return err
		}},
		{"/recording_transcriptions/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := recordings.New(c).Transcriptions.Get(ctx, v)
			return err
		}},
		{"/external_connections/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := externalconnections.New(c).Get(ctx, v)
			return err
		}},
		{"/external_connections/" + conn + "/phone_numbers/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := externalconnections.New(c).PhoneNumbers.Get(ctx, conn, v)
			return err
		}},
		{"/external_connections/" + conn + "/uploads/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := externalconnections.New(c).Uploads.Get(ctx, conn, v)
			return err
		}},
		{"/external_connections/{v}/releases/" + uuid, func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := externalconnections.New(c).Releases.Get(ctx, v, uuid)
			return err
		}},
		{"/dialogflow_connections/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			_, err := dialogflow.New(c).Get(ctx, v)
			return err
		}},
		{"/custom_storage_credentials/{v}", func(ctx context.Context, c *telnyx.Client, v string) error {
			return storagecredentials.New(c).Delete(ctx, v)
		}},
	}
	f.Fuzz(func(t *testing.T, which int, v string) {
		o := ops[((which%len(ops))+len(ops))%len(ops)]
		tr := &fuzzTransport{status: http.StatusOK, body: []byte(`{"data":{}}`)}
		c := fuzzClient(t, tr)
		err := o.call(context.Background(), c, v)
		n, last := tr.requests()
		var ve *telnyx.ValidationError
		if errors.As(err, &ve) {
			if n != 0 {
				t.Fatalf("%s: refused %q but sent it", o.template, v)
			}
			return
		}
		if n != 1 {
			t.Fatalf("%s: value %q: %d requests, error %v", o.template, v, n, err)
		}
		want := strings.Split("/v2"+o.template, "/")
		got := strings.Split(last.URL.EscapedPath(), "/")
		if len(got) != len(want) {
			t.Fatalf("%s: value %q reached %s", o.template, v, last.URL.EscapedPath())
		}
		for i, w := range want {
			if w != "{v}" {
				if got[i] != w {
					t.Fatalf("%s: value %q moved a fixed segment: %s", o.template, v, last.URL.EscapedPath())
				}
				continue
			}
			seg, uerr := url.PathUnescape(got[i])
			if uerr != nil || seg != v {
				t.Fatalf("%s: value %q came back as %q (%v)", o.template, v, seg, uerr)
			}
		}
	})
}
