package telnyxotel_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	telnyxotel "github.com/telnyx-sip-integrations/telnyx-go/otel"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// A client traced with OpenTelemetry: a GET answered 503, then 200, is one
// call span with a client span per attempt.
func ExampleNew() {
	srv := httptest.NewServer(&flaky{statuses: []int{http.StatusServiceUnavailable, http.StatusOK}})
	defer srv.Close()
	spans := tracetest.NewSpanRecorder() // in production: sdktrace.WithBatcher(exporter)
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))

	obs, err := telnyxotel.New(telnyxotel.WithTracerProvider(tp))
	if err != nil {
		log.Fatal(err)
	}
	client, err := telnyx.NewClient(option.WithAPIKey("key"), option.WithBaseURL(srv.URL+"/v2"), option.WithObserver(obs))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := siprec.New(client).Get(context.Background(), "my-srs"); err != nil {
		log.Fatal(err)
	}
	for _, s := range spans.Ended() {
		fmt.Println(s.SpanKind(), s.Name(), s.Status().Code)
	}
	// Output:
	// client GET /siprec_connectors/{connector_name} Error
	// client GET /siprec_connectors/{connector_name} Unset
	// internal GET /siprec_connectors/{connector_name} Unset
}
