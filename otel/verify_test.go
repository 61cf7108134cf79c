package telnyxotel_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	telnyxotel "github.com/telnyx-sip-integrations/telnyx-go/otel"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// TestReadmeVerification is the check, written with the README's
// calls only: a GET answered 503, 503, 200 gives one span per call and one
// child per attempt and a debug line per retry decision; a GET answered
// 503 three times with 2 retries gives an *Error saying 3 attempts. Run it
// with -v to see the spans and log lines.
func TestReadmeVerification(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		statuses []int
	}{{"503,503,200", []int{503, 503, 200}}, {"503,503,503", []int{503}}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(&flaky{statuses: tc.statuses})
			t.Cleanup(srv.Close)
			spans := tracetest.NewSpanRecorder()
			obs, err := telnyxotel.New(telnyxotel.WithTracerProvider(sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))))
			require.NoError(t, err)
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			client, err := telnyx.NewClient(option.WithAPIKey("test-key"), option.WithBaseURL(srv.URL+"/v2"),
				option.WithObserver(obs), option.WithLogger(logger), option.WithMaxRetries(2),
				option.WithRetryBackoff(time.Millisecond, 2*time.Millisecond))
			require.NoError(t, err)

			_, err = siprec.New(client).Get(t.Context(), "my-srs")

			ended := spans.Ended()
			require.Len(t, ended, 4, "one call span, three attempt spans")
			for _, s := range ended {
				depth := "call   "
				if s.Parent().SpanID() == ended[3].SpanContext().SpanID() {
					depth = "  attempt"
				}
				var kv []string
				for _, a := range s.Attributes() {
					kv = append(kv, fmt.Sprintf("%s=%s", a.Key, a.Value.String()))
				}
				t.Logf("SPAN %s %q status=%s %s", depth, s.Name(), s.Status().Code, strings.Join(kv, " "))
			}
			lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
			decisions := 0
			for _, l := range lines {
				t.Logf("LOG %s", l[strings.Index(l, "level="):])
				if strings.Contains(l, `msg="telnyx retry"`) || strings.Contains(l, `msg="telnyx no retry"`) {
					decisions++
				}
			}
			if tc.name == "503,503,200" {
				require.NoError(t, err)
				assert.Equal(t, 2, decisions, "a line per decision")
				return
			}
			assert.Equal(t, 3, decisions, "two retries, then no retries left")
			var apiErr *telnyx.Error
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, 3, apiErr.Attempts)
			t.Logf("ERROR %v (Attempts=%d)", err, apiErr.Attempts)
		})
	}
}
