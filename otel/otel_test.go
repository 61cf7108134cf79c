package telnyxotel_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	telnyxotel "github.com/telnyx-sip-integrations/telnyx-go/otel"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// flaky answers the statuses in order, then the last one forever, with an
// X-Request-Id per request, and records each request's traceparent.
type flaky struct {
	statuses []int
	n        atomic.Int32
	mu       sync.Mutex
	parents  []string
}

func (f *flaky) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i := int(f.n.Add(1))
	f.mu.Lock()
	f.parents = append(f.parents, r.Header.Get("Traceparent"))
	f.mu.Unlock()
	w.Header().Set("X-Request-Id", fmt.Sprintf("req-%d", i))
	st := f.statuses[min(i, len(f.statuses))-1]
	w.WriteHeader(st)
	if st == http.StatusOK {
		_, _ = fmt.Fprint(w, `{"data":{"name":"my-srs","host":"siprec.example.com","port":5060}}`)
		return
	}
	_, _ = fmt.Fprint(w, `{"errors":[{"code":"10001","title":"Unavailable"}]}`)
}

type rig struct {
	srv    *httptest.Server
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	client *telnyx.Client
	flaky  *flaky
}

func newRig(t *testing.T, statuses []int, opts ...option.RequestOption) *rig {
	t.Helper()
	r := &rig{flaky: &flaky{statuses: statuses}, spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	r.srv = httptest.NewServer(r.flaky)
	t.Cleanup(r.srv.Close)
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(r.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(r.reader))
	obs, err := telnyxotel.New(telnyxotel.WithTracerProvider(tp), telnyxotel.WithMeterProvider(mp),
		telnyxotel.WithPropagator(propagation.TraceContext{}))
	require.NoError(t, err)
	all := append([]option.RequestOption{option.WithAPIKey("test-key"), option.WithBaseURL(r.srv.URL + "/v2"),
		option.WithRetryBackoff(time.Millisecond, 2*time.Millisecond), option.WithObserver(obs)}, opts...)
	r.client, err = telnyx.NewClient(all...)
	require.NoError(t, err)
	return r
}

func attrs(s sdktrace.ReadOnlySpan) map[attribute.Key]attribute.Value {
	m := map[attribute.Key]attribute.Value{}
	for _, kv := range s.Attributes() {
		m[kv.Key] = kv.Value
	}
	return m
}

// TestOneSpanPerCallOneChildPerAttempt: a GET answered 503, 503, 200 is a
// call span parented on the caller's span, with three client spans under
// it carrying the HTTP conventions' attributes, the path template and not
// the filled path, and each attempt's trace context on the wire.
func TestOneSpanPerCallOneChildPerAttempt(t *testing.T) {
	t.Parallel()
	r := newRig(t, []int{503, 503, 200})
	parentTP := sdktrace.NewTracerProvider()
	ctx, parent := parentTP.Tracer("caller").Start(t.Context(), "caller")
	got, err := siprec.New(r.client).Get(ctx, "my-srs")
	parent.End()
	require.NoError(t, err)
	assert.Equal(t, "my-srs", got.Name)

	ended := r.spans.Ended()
	require.Len(t, ended, 4)
	call := ended[3]
	assert.Equal(t, "GET /siprec_connectors/{connector_name}", call.Name())
	assert.Equal(t, trace.SpanKindInternal, call.SpanKind())
	assert.Equal(t, parent.SpanContext().SpanID(), call.Parent().SpanID(), "the call is a child of the caller's span")
	assert.Equal(t, parent.SpanContext().TraceID(), call.SpanContext().TraceID())
	ca := attrs(call)
	assert.Equal(t, "GET", ca["http.request.method"].AsString())
	assert.Equal(t, "/siprec_connectors/{connector_name}", ca["url.template"].AsString())
	assert.Equal(t, "127.0.0.1", ca["server.address"].AsString())
	u, err := url.Parse(r.srv.URL)
	require.NoError(t, err)
	assert.Equal(t, u.Port(), ca["server.port"].String())
	assert.Equal(t, int64(200), ca["http.response.status_code"].AsInt64())
	assert.Equal(t, int64(3), ca["telnyx.attempts"].AsInt64())
	assert.Equal(t, "req-3", ca["telnyx.request_id"].AsString())
	assert.Equal(t, codes.Unset, call.Status().Code)
	var reasons []string
	for _, ev := range call.Events() {
		assert.Equal(t, "telnyx.retry_decision", ev.Name)
		for _, kv := range ev.Attributes {
			if kv.Key == "telnyx.retry.reason" {
				reasons = append(reasons, kv.Value.AsString())
			}
		}
	}
	assert.Equal(t, []string{"retryable status", "retryable status"}, reasons)

	for i, s := range ended[:3] {
		a := attrs(s)
		assert.Equal(t, "GET /siprec_connectors/{connector_name}", s.Name())
		assert.Equal(t, trace.SpanKindClient, s.SpanKind())
		assert.Equal(t, call.SpanContext().SpanID(), s.Parent().SpanID(), "attempt %d is a child of the call", i+1)
		assert.Equal(t, int64(i+1), a["telnyx.attempt"].AsInt64())
		assert.Equal(t, fmt.Sprintf("req-%d", i+1), a["telnyx.request_id"].AsString())
		assert.Equal(t, "/siprec_connectors/{connector_name}", a["url.template"].AsString())
		if i == 0 {
			assert.NotContains(t, a, attribute.Key("http.request.resend_count"))
		} else {
			assert.Equal(t, int64(i), a["http.request.resend_count"].AsInt64())
		}
		want := map[bool]int64{true: 503, false: 200}[i < 2]
		assert.Equal(t, want, a["http.response.status_code"].AsInt64())
		if i < 2 {
			assert.Equal(t, "503", a["error.type"].AsString())
			assert.Equal(t, codes.Error, s.Status().Code)
		} else {
			assert.NotContains(t, a, attribute.Key("error.type"))
		}
		// The server saw this attempt's own trace context.
		assert.Equal(t, fmt.Sprintf("00-%s-%s-01", s.SpanContext().TraceID(), s.SpanContext().SpanID()), r.flaky.parents[i])
		for _, kv := range s.Attributes() {
			assert.NotContains(t, kv.Value.String(), "my-srs", "no attribute holds the filled path")
		}
	}
}

func sum(t *testing.T, rm metricdata.ResourceMetrics, name string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if m.Name != name {
				continue
			}
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					out[label(p.Attributes)] += p.Value
				}
			case metricdata.Gauge[int64]:
				for _, p := range d.DataPoints {
					out[label(p.Attributes)] = p.Value
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					out[label(p.Attributes)] += int64(p.Count)
				}
			}
		}
	}
	return out
}

func label(s attribute.Set) string {
	var parts []string
	for _, k := range []attribute.Key{"http.response.status_code", "error.type", "telnyx.retry.reason"} {
		if v, ok := s.Value(k); ok {
			parts = append(parts, string(k)+"="+v.String())
		}
	}
	return strings.Join(parts, ",")
}

// TestMetrics: call durations, attempts, retries by reason, budget
// exhaustions and the page window, read from a ManualReader.
func TestMetrics(t *testing.T) {
	t.Parallel()
	t.Run("retries and attempts", func(t *testing.T) {
		t.Parallel()
		r := newRig(t, []int{503, 503, 200})
		_, err := siprec.New(r.client).Get(t.Context(), "my-srs")
		require.NoError(t, err)
		var rm metricdata.ResourceMetrics
		require.NoError(t, r.reader.Collect(t.Context(), &rm))
		assert.Equal(t, map[string]int64{"http.response.status_code=200": 1}, sum(t, rm, "telnyx.client.call.duration"))
		assert.Equal(t, map[string]int64{"http.response.status_code=503,error.type=503": 2, "http.response.status_code=200": 1},
			sum(t, rm, "telnyx.client.attempts"))
		assert.Equal(t, map[string]int64{"telnyx.retry.reason=retryable status": 2}, sum(t, rm, "telnyx.client.retries"))
		assert.Empty(t, sum(t, rm, "telnyx.client.retry_budget.exhausted"))
	})
	t.Run("budget exhausted", func(t *testing.T) {
		t.Parallel()
		r := newRig(t, []int{503}, option.WithRetryBudget(5))
		_, err := siprec.New(r.client).Get(t.Context(), "my-srs")
		var apiErr *telnyx.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 2, apiErr.Attempts)
		var rm metricdata.ResourceMetrics
		require.NoError(t, r.reader.Collect(t.Context(), &rm))
		assert.Equal(t, map[string]int64{"telnyx.retry.reason=retry budget exhausted": 1}, sum(t, rm, "telnyx.client.retry_budget.exhausted"))
		assert.Equal(t, map[string]int64{"http.response.status_code=503,error.type=503": 1}, sum(t, rm, "telnyx.client.call.duration"))
		assert.Equal(t, codes.Error, r.spans.Ended()[2].Status().Code)
	})
	t.Run("page window", func(t *testing.T) {
		t.Parallel()
		reader := sdkmetric.NewManualReader()
		obs, err := telnyxotel.New(telnyxotel.WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))),
			telnyxotel.WithTracerProvider(sdktrace.NewTracerProvider()))
		require.NoError(t, err)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = fmt.Fprintf(w, `{"data":[{"name":"p%s"}],"meta":{"page_number":%s,"page_size":1,"total_pages":5,"total_results":5}}`,
				r.URL.Query().Get("page[number]"), cmpOr(r.URL.Query().Get("page[number]"), "1"))
		}))
		t.Cleanup(srv.Close)
		c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithObserver(obs), option.WithPageConcurrency(4))
		require.NoError(t, err)
		items, err := telnyx.Collect(telnyx.ListAll[map[string]any](t.Context(), c, telnyx.Request{Method: http.MethodGet, Path: "/media"}), 0)
		require.NoError(t, err)
		assert.Len(t, items, 5)
		var rm metricdata.ResourceMetrics
		require.NoError(t, reader.Collect(t.Context(), &rm))
		assert.Equal(t, map[string]int64{"": 4}, sum(t, rm, "telnyx.client.page.window"))
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// A literal path (the escape hatch) can hold ids: its spans carry the
// template of the operation it fills, and a path that fills none gives
// spans named by the method alone, with no url.template.
func TestLiteralPathsReportTheirTemplateOrNone(t *testing.T) {
	t.Parallel()
	r := newRig(t, []int{200})
	ctx := t.Context()
	require.NoError(t, r.client.Get(ctx, "/siprec_connectors/my-srs", nil, nil))
	require.NoError(t, r.client.Get(ctx, "/calls/my-srs/secret-leg", nil, nil))
	ended := r.spans.Ended()
	require.Len(t, ended, 4)
	for i, s := range ended {
		a := attrs(s)
		if i < 2 {
			assert.Equal(t, "GET /siprec_connectors/{connector_name}", s.Name())
			assert.Equal(t, "/siprec_connectors/{connector_name}", a["url.template"].AsString())
		} else {
			assert.Equal(t, "GET", s.Name())
			assert.NotContains(t, a, attribute.Key("url.template"))
		}
		for _, kv := range s.Attributes() {
			assert.NotContains(t, kv.Value.String(), "my-srs", "no attribute holds the filled path")
		}
	}
}

// seenSampler samples every span and records the attributes each one
// offered at its start.
type seenSampler struct {
	mu   sync.Mutex
	seen map[trace.SpanKind][]attribute.KeyValue
}

func (s *seenSampler) ShouldSample(p sdktrace.SamplingParameters) sdktrace.SamplingResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seen[p.Kind] = append([]attribute.KeyValue(nil), p.Attributes...)
	return sdktrace.SamplingResult{Decision: sdktrace.RecordAndSample}
}

func (s *seenSampler) Description() string { return "seen" }

func TestSamplerSeesTheCallSpanAttributesAtItsStart(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(&flaky{statuses: []int{http.StatusOK}})
	t.Cleanup(srv.Close)
	sampler := &seenSampler{seen: map[trace.SpanKind][]attribute.KeyValue{}}
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sampler), sdktrace.WithSpanProcessor(spans))
	obs, err := telnyxotel.New(telnyxotel.WithTracerProvider(tp))
	require.NoError(t, err)
	client, err := telnyx.NewClient(option.WithAPIKey("test-key"), option.WithBaseURL(srv.URL+"/v2"), option.WithObserver(obs))
	require.NoError(t, err)
	_, err = siprec.New(client).Get(t.Context(), "my-srs")
	require.NoError(t, err)

	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	start := attribute.NewSet(sampler.seen[trace.SpanKindInternal]...)
	method, _ := start.Value("http.request.method")
	template, _ := start.Value("url.template")
	address, _ := start.Value("server.address")
	assert.Equal(t, "GET", method.AsString())
	assert.Equal(t, "/siprec_connectors/{connector_name}", template.AsString())
	assert.Equal(t, u.Hostname(), address.AsString())
	_, hasStatus := start.Value("http.response.status_code")
	assert.False(t, hasStatus, "a status before the call was sent")

	// The attempt offers nothing at its start and ends with everything.
	assert.Empty(t, sampler.seen[trace.SpanKindClient])
	ended := spans.Ended()
	require.Len(t, ended, 2)
	a := attrs(ended[0])
	assert.Equal(t, trace.SpanKindClient, ended[0].SpanKind())
	assert.Equal(t, "GET", a["http.request.method"].AsString())
	assert.Equal(t, "/siprec_connectors/{connector_name}", a["url.template"].AsString())
	assert.Equal(t, u.Hostname(), a["server.address"].AsString())
	assert.Equal(t, int64(1), a["telnyx.attempt"].AsInt64())
	assert.Equal(t, int64(200), a["http.response.status_code"].AsInt64())
	assert.Equal(t, "req-1", a["telnyx.request_id"].AsString())
}
