package telnyx_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

// TestFaultLocalRefusals: what cannot be sent safely is refused before any
// byte leaves, and a request the transport refuses is not retried.
func TestFaultLocalRefusals(t *testing.T) {
	bad := []struct {
		name string
		opt  option.RequestOption
	}{
		{"CR/LF in a header value", option.WithHeader("X-Trace", "a\r\nAuthorization: Bearer stolen")},
		{"LF in a header value", option.WithHeader("X-Trace", "a\nb")},
		{"NUL in a header value", option.WithHeader("X-Trace", "a\x00b")},
		{"CR/LF in a header name", option.WithHeader("X-Trace\r\nX-Other", "1")},
		{"NUL in the key", option.WithAPIKey("KEY\x00evil")},
		{"CR/LF in the key", option.WithAPIKey("KEY\r\nX-Injected: 1")},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{}`) })
			_, err := telnyx.NewClient(option.WithAPIKey(faultKey), option.WithBaseURL(srv.URL), tc.opt)
			require.Error(t, err, "NewClient must refuse it")
			c, a := faultClient(t, srv.URL)
			callErr := doGet(t.Context(), c, "/x", tc.opt)
			require.Error(t, callErr, "a call option must refuse it")
			assert.Zero(t, a.count())
			assert.Zero(t, seen.count())
			assert.NotContains(t, err.Error()+callErr.Error(), "\n")
			faultRow(t, "refused option: "+tc.name, "NewClient and the call refuse it, nothing sent", "refused: "+describe(callErr), seen.count())
		})
	}
	t.Run("key with a line break from the environment", func(t *testing.T) {
		noLeak(t)
		t.Setenv("TELNYX_API_KEY", "KEY\nX-Injected: 1")
		t.Setenv("TELNYX_BASE_URL", "")
		_, err := telnyx.NewClient()
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "X-Injected")
		faultRow(t, "TELNYX_API_KEY holding a line break", "NewClient refuses it", "refused", 0)
	})
	t.Run("method the request cannot carry", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		c, a := faultClient(t, srv.URL)
		_, err := c.Do(t.Context(), telnyx.Request{Method: "GET /x HTTP/1.1\r\n", Path: "/x"}, nil)
		require.Error(t, err)
		assert.Zero(t, a.count())
		assert.Zero(t, seen.count())
		faultRow(t, "invalid method", "refused locally, never retried", describe(err), seen.count())
	})
	t.Run("transport refuses a header a middleware set", func(t *testing.T) {
		noLeak(t)
		srv, seen := httpServer(t, func(http.ResponseWriter, *http.Request) {})
		inject := option.WithMiddleware(func(r *http.Request, next option.MiddlewareNext) (*http.Response, error) {
			r.Header["X-Bad"] = []string{"a\r\nb"}
			return next(r)
		})
		c, a := faultClient(t, srv.URL, inject)
		err := doGet(t.Context(), c, "/x")
		require.Error(t, err)
		assert.Zero(t, seen.count(), "the transport sends nothing")
		assert.Equal(t, 1, a.count(), "a request the transport refuses locally must not be retried")
		faultRow(t, "transport refuses a header set by a middleware", "refused locally, 1 attempt", fmt.Sprintf("%s, %d attempts", describe(err), a.count()), seen.count())
	})
}

// TestFaultPathValues: a path value that would name a sibling route, or
// that breaks its declared format, is refused naming the parameter, and
// nothing is sent; a good value lands in its own segment.
func TestFaultPathValues(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	const ticket = "7b6a6449-b055-45a6-81f6-f6f0dffa4cc6"
	cases := []struct {
		name     string
		method   string
		template string
		args     []string
		field    string // "" when the value is accepted
	}{
		{"log_messages as an external connection id", http.MethodGet, "/external_connections/{id}", []string{"log_messages"}, "id"},
		{"status as an upload ticket id", http.MethodGet, "/external_connections/{id}/uploads/{ticket_id}", []string{"1293384261075731499", "status"}, "ticket_id"},
		{"refresh as an upload ticket id", http.MethodPost, "/external_connections/{id}/uploads/{ticket_id}/retry", []string{"1293384261075731499", "refresh"}, "ticket_id"},
		{"actions as a recording id", http.MethodDelete, "/recordings/{recording_id}", []string{"actions"}, "recording_id"},
		{"ACTIONS as a recording id", http.MethodGet, "/recordings/{recording_id}", []string{"ACTIONS"}, "recording_id"},
		{"non-numeric external connection id", http.MethodGet, "/external_connections/{id}", []string{"12a"}, "id"},
		{"int64 overflow as an external connection id", http.MethodPatch, "/external_connections/{id}", []string{"9223372036854775808"}, "id"},
		{"non-uuid transcription id", http.MethodGet, "/recording_transcriptions/{recording_transcription_id}", []string{"../recordings"}, "recording_transcription_id"},
		{"dot-dot media name", http.MethodGet, "/media/{media_name}", []string{".."}, "media_name"},
		{"good ticket id", http.MethodGet, "/external_connections/{id}/uploads/{ticket_id}", []string{"1293384261075731499", ticket}, ""},
		{"media name with a slash and a query", http.MethodGet, "/media/{media_name}", []string{"a/../b?c=d#e"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			var gotPath atomic.Value
			srv, seen := httpServer(t, func(w http.ResponseWriter, r *http.Request) {
				gotPath.Store(r.URL.EscapedPath())
				_, _ = io.WriteString(w, `{"data":{}}`)
			})
			c, a := faultClient(t, srv.URL)
			_, err := c.Do(t.Context(), telnyx.Request{Method: tc.method, Path: tc.template, PathParams: tc.args}, nil)
			if tc.field == "" {
				require.NoError(t, err)
				last := tc.args[len(tc.args)-1]
				p := gotPath.Load().(string)
				seg := p[strings.LastIndex(p, "/")+1:]
				un, uerr := url.PathUnescape(seg)
				require.NoError(t, uerr)
				assert.Equal(t, last, un, "the value round-trips in its own segment")
				assert.Equal(t, strings.Count("/v2"+tc.template, "/"), strings.Count(p, "/"))
				faultRow(t, "path value: "+tc.name, "sent in its own segment", describe(err), seen.count())
				return
			}
			var ve *telnyx.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Zero(t, a.count())
			assert.Zero(t, seen.count())
			faultRow(t, "path value: "+tc.name, "ValidationError("+tc.field+"), nothing sent", describe(err), seen.count())
		})
	}
}

// TestFaultPathValuesThroughServices: the same refusals through the
// resource packages' methods.
func TestFaultPathValuesThroughServices(t *testing.T) { //nolint:paralleltest // the fault suite is serial on purpose: goleak and TotalAlloc checks
	const conn = "1293384261075731499"
	cases := []struct {
		name  string
		field string
		call  func(ctx context.Context, c *telnyx.Client) error
	}{
		{"externalconnections.Get(log_messages)", "id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Get(ctx, "log_messages")
			return err
		}},
		{"externalconnections.Delete(log_messages)", "id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Delete(ctx, "log_messages")
			return err
		}},
		{"LogMessages.Get(non-numeric)", "id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).LogMessages.Get(ctx, "../1")
			return err
		}},
		{"Uploads.Get(status)", "ticket_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Uploads.Get(ctx, conn, "status")
			return err
		}},
		{"Uploads.Get(refresh)", "ticket_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Uploads.Get(ctx, conn, "refresh")
			return err
		}},
		{"Uploads.Retry(status)", "ticket_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Uploads.Retry(ctx, conn, "status")
			return err
		}},
		{"Releases.Get(non-uuid)", "release_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := externalconnections.New(c).Releases.Get(ctx, conn, "x")
			return err
		}},
		{"recordings.Get(actions)", "recording_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := recordings.New(c).Get(ctx, "actions")
			return err
		}},
		{"recordings.Delete(actions)", "recording_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := recordings.New(c).Delete(ctx, "actions")
			return err
		}},
		{"Transcriptions.Get(non-uuid)", "recording_transcription_id", func(ctx context.Context, c *telnyx.Client) error {
			_, err := recordings.New(c).Transcriptions.Get(ctx, "1")
			return err
		}},
		{"media.Get(..)", "media_name", func(ctx context.Context, c *telnyx.Client) error {
			_, err := media.New(c).Get(ctx, "..")
			return err
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLeak(t)
			srv, seen := httpServer(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, `{"data":{}}`) })
			c, a := faultClient(t, srv.URL)
			err := tc.call(t.Context(), c)
			var ve *telnyx.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.Zero(t, a.count())
			assert.Zero(t, seen.count())
			faultRow(t, "service path value: "+tc.name, "ValidationError("+tc.field+"), nothing sent", describe(err), seen.count())
		})
	}
}
