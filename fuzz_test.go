package telnyx_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// answerTransport answers every request with one fixed status, header and body.
type answerTransport struct {
	status     int
	retryAfter string
	body       []byte
}

func (a answerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {"application/json"}}
	if a.retryAfter != "" {
		h.Set("Retry-After", a.retryAfter)
		h.Set("Retry-After-Ms", a.retryAfter)
	}
	return &http.Response{StatusCode: a.status, Header: h, Body: io.NopCloser(strings.NewReader(string(a.body))), Request: r}, nil
}

// FuzzServerAnswers feeds arbitrary answers to every decoding path: the SDK
// must return a value or an error and never panic, and its waits stay
// under the retry delay cap whatever Retry-After says.
func FuzzServerAnswers(f *testing.F) {
	f.Add(200, "", []byte(`{"data":{"id":"1"}}`))
	f.Add(200, "", []byte(`{"data":[{"id":"1"}],"meta":{"page_number":1,"total_pages":3}}`))
	f.Add(200, "", []byte(`{"log_messages":[{"code":"1"}],"meta":{"cursors":{"after":"x"}}}`))
	f.Add(422, "", []byte(`{"errors":[{"code":10015,"title":"t","source":{"pointer":"/a"},"meta":{"k":[1]}}]}`))
	f.Add(404, "", []byte(`{"errors":[{"code":null}]}`))
	f.Add(429, "1e308", []byte(`<html>slow down</html>`))
	f.Add(503, "Wed, 21 Oct 2015 07:28:00 GMT", []byte{0xff, 0xfe, '<'})
	f.Add(200, "", []byte(`{"data":null}`))
	f.Fuzz(func(t *testing.T, status int, retryAfter string, body []byte) {
		if status < 100 || status > 599 {
			status = 200 + (status%400+400)%400
		}
		c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL("https://api.test/v2"),
			option.WithHTTPClient(&http.Client{Transport: answerTransport{status, retryAfter, body}}),
			option.WithMaxRetries(1), option.WithMaxRetryDelay(10e6), option.WithRetryBackoff(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		type item struct {
			ID   string         `json:"id"`
			Meta map[string]any `json:"meta"`
		}
		got, err := telnyx.Call[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/x"})
		if (got == nil) == (err == nil) {
			t.Fatalf("want exactly one of a result and an error, got %v and %v", got, err)
		}
		if err != nil {
			_ = err.Error()
		}
		page, err := telnyx.ListPage[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/x"})
		if err == nil && page.HasNext() {
			_, _ = page.Next(ctx)
		}
		walked := 0
		for _, err := range telnyx.ListAll[item](ctx, c, telnyx.Request{Method: http.MethodGet, Path: "/x"}) {
			if walked++; err != nil || walked > 3 {
				break
			}
		}
	})
}
