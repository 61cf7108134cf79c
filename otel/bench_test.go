package telnyxotel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	telnyxotel "github.com/telnyx-sip-integrations/telnyx-go/otel"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// BenchmarkTracingCost gets one connector three ways in the same rounds,
// the first side rotating: raw net/http + encoding/json, the SDK without
// observer, and the SDK traced and measured by this module (every span
// sampled, batched to a no-op exporter; metrics to a manual reader). It
// reports time and allocations per call and the ratios sdk/raw and
// otel/sdk, over bare loopback and with a server that takes 1 ms to
// answer, as a network round trip would.
func BenchmarkTracingCost(b *testing.B) {
	for _, latency := range []time.Duration{0, time.Millisecond} {
		name := "loopback"
		if latency > 0 {
			name = "latency=" + latency.String()
		}
		b.Run(name, func(b *testing.B) { tracingCost(b, latency) })
	}
}

func tracingCost(b *testing.B, latency time.Duration) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		if latency > 0 {
			time.Sleep(latency)
		}
		w.Header().Set("X-Request-Id", "req-1")
		_, _ = io.WriteString(w, `{"data":{"name":"my-srs","host":"siprec.example.com","port":5060}}`)
	}))
	defer srv.Close()
	hc := option.DefaultHTTPClient()
	plain, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL+"/v2"), option.WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	obs := benchObserver(b)
	traced := plain.With(option.WithObserver(obs))
	ctx := context.Background()
	sdkGet := func(c *telnyx.Client) func() {
		svc := siprec.New(c)
		return func() {
			if _, err := svc.Get(ctx, "my-srs"); err != nil {
				b.Fatal(err)
			}
		}
	}
	raw := func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v2/siprec_connectors/my-srs", nil)
		req.Header.Set("Authorization", "Bearer k")
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var out struct {
			Data struct {
				Name string `json:"name"`
			} `json:"data"`
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	arms := []struct {
		name   string
		run    func()
		wall   time.Duration
		allocs uint64
	}{{name: "raw", run: raw}, {name: "sdk", run: sdkGet(plain)}, {name: "otel", run: sdkGet(traced)}}
	calls := 200
	if latency > 0 {
		calls = 20
	}
	var ms runtime.MemStats
	round, calls0 := 0, 0
	for b.Loop() {
		for i := range arms {
			a := &arms[(i+round)%len(arms)]
			runtime.ReadMemStats(&ms)
			before := ms.Mallocs
			t0 := time.Now()
			for range calls {
				a.run()
			}
			a.wall += time.Since(t0)
			runtime.ReadMemStats(&ms)
			a.allocs += ms.Mallocs - before
		}
		round++
		calls0 += calls
	}
	n := float64(calls0)
	for _, a := range arms {
		b.ReportMetric(float64(a.wall.Nanoseconds())/n, fmt.Sprintf("%s-ns/call", a.name))
		b.ReportMetric(float64(a.allocs)/n, fmt.Sprintf("%s-allocs/call", a.name))
	}
	b.ReportMetric(float64(arms[1].wall)/float64(arms[0].wall), "sdk/raw-time-x")
	b.ReportMetric(float64(arms[2].wall)/float64(arms[1].wall), "otel/sdk-time-x")
	b.ReportMetric(float64(arms[2].wall)/float64(arms[0].wall), "otel/raw-time-x")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkObserverCall is the observer's own share of a traced call, no
// HTTP: a call span, one attempt span, their attributes and the two metric
// records, on the OTel SDK with a batching processor and a no-op exporter.
func BenchmarkObserverCall(b *testing.B) {
	obs := benchObserver(b)
	c := option.Call{Method: http.MethodGet, PathTemplate: "/siprec_connectors/{connector_name}", ServerAddress: "127.0.0.1", ServerPort: 4000}
	h := http.Header{}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		cctx := obs.StartCall(ctx, c)
		actx := obs.StartAttempt(cctx, c, 1, h)
		obs.EndAttempt(actx, c, option.AttemptEnd{Attempt: 1, StatusCode: 200, RequestID: "req-1", Duration: time.Millisecond})
		obs.EndCall(cctx, c, option.CallEnd{Attempts: 1, StatusCode: 200, RequestID: "req-1", Elapsed: time.Millisecond})
	}
}

// benchObserver is an Observer on the OTel SDK as a service would run it:
// every span sampled and batched (to a no-op exporter), metrics to a
// manual reader. The provider shuts down when b ends.
func benchObserver(b *testing.B) *telnyxotel.Observer {
	b.Helper()
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(tracetest.NewNoopExporter()))
	b.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	obs, err := telnyxotel.New(telnyxotel.WithTracerProvider(tp),
		telnyxotel.WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(sdkmetric.NewManualReader()))))
	if err != nil {
		b.Fatal(err)
	}
	return obs
}
