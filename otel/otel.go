// Package telnyxotel traces and measures the calls of a telnyx.Client with
// OpenTelemetry. It is its own module, so that the SDK itself keeps a
// single dependency:
//
//	obs, err := telnyxotel.New()
//	...
//	client, err := telnyx.NewClient(option.WithObserver(obs))
//
// Each SDK call is one span, named after its method and path template
// ("GET /siprec_connectors/{connector_name}"), parented on the span of the
// caller's context; each attempt is a client span under it, whose trace
// context the configured propagator injects into the request's headers.
// Attributes follow the OpenTelemetry HTTP client conventions:
// http.request.method, url.template (the path template, never the filled
// path, which can hold an id or a phone number), server.address,
// server.port, http.response.status_code, error.type and
// http.request.resend_count, plus telnyx.request_id, telnyx.attempt and
// telnyx.attempts. A call span has its method, template and server from
// its start, where a sampler sees them; an attempt span, decided by its
// parent under the usual samplers, gets all its attributes at its end.
// Every retry decision is an event on the call's span with
// its reason and the retry budget left.
//
// Metrics: telnyx.client.call.duration (histogram, seconds),
// telnyx.client.attempts, telnyx.client.retries (by telnyx.retry.reason),
// telnyx.client.retry_budget.exhausted and telnyx.client.page.window (a
// gauge of the pages a parallel walk allows in flight).
//
// Error messages are never recorded: they name the filled path.
package telnyxotel

import (
	"context"
	"net/http"
	"sync"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/telnyx-sip-integrations/telnyx-go/otel"

// Attribute keys beyond the HTTP conventions.
const (
	AttrRequestID   = attribute.Key("telnyx.request_id")
	AttrAttempt     = attribute.Key("telnyx.attempt")
	AttrAttempts    = attribute.Key("telnyx.attempts")
	AttrRetry       = attribute.Key("telnyx.retry")
	AttrRetryReason = attribute.Key("telnyx.retry.reason")
	AttrRetryDelay  = attribute.Key("telnyx.retry.delay_ms")
	AttrBudget      = attribute.Key("telnyx.retry.budget_tokens")
)

// The HTTP client conventions' keys.
const (
	keyMethod      = attribute.Key("http.request.method")
	keyTemplate    = attribute.Key("url.template")
	keyAddress     = attribute.Key("server.address")
	keyPort        = attribute.Key("server.port")
	keyStatus      = attribute.Key("http.response.status_code")
	keyErrorType   = attribute.Key("error.type")
	keyResendCount = attribute.Key("http.request.resend_count")
)

// ReasonBudgetExhausted is the retry reason counted as a budget exhaustion.
const ReasonBudgetExhausted = "retry budget exhausted"

// Option configures New.
type Option func(*settings)

type settings struct {
	tp   trace.TracerProvider
	mp   metric.MeterProvider
	prop propagation.TextMapPropagator
}

// WithTracerProvider sets where spans go; the default is the global
// provider (otel.GetTracerProvider).
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(s *settings) { s.tp = tp }
}

// WithMeterProvider sets where metrics go; the default is the global
// provider (otel.GetMeterProvider).
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(s *settings) { s.mp = mp }
}

// WithPropagator sets how trace context is written into each attempt's
// headers; the default is the global propagator
// (otel.GetTextMapPropagator).
func WithPropagator(p propagation.TextMapPropagator) Option {
	return func(s *settings) { s.prop = p }
}

// Observer is an option.Observer that reports to OpenTelemetry. Build it
// with New and pass it to option.WithObserver, on a client or one call. It
// is safe for concurrent use.
type Observer struct {
	tracer    trace.Tracer
	prop      propagation.TextMapPropagator
	duration  metric.Float64Histogram
	attempts  metric.Int64Counter
	retries   metric.Int64Counter
	exhausted metric.Int64Counter
	window    metric.Int64Gauge

	calls sync.Map // option.Call -> *callData
}

var _ option.Observer = (*Observer)(nil)

// New returns an Observer on the global providers and propagator, or on
// those opts give. It fails only when the meter refuses an instrument.
func New(opts ...Option) (*Observer, error) {
	s := settings{}
	for _, o := range opts {
		o(&s)
	}
	if s.tp == nil {
		s.tp = otel.GetTracerProvider()
	}
	if s.mp == nil {
		s.mp = otel.GetMeterProvider()
	}
	if s.prop == nil {
		s.prop = otel.GetTextMapPropagator()
	}
	meter := s.mp.Meter(ScopeName)
	o := &Observer{tracer: s.tp.Tracer(ScopeName), prop: s.prop}
	var err error
	if o.duration, err = meter.Float64Histogram("telnyx.client.call.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of SDK calls, every attempt and wait included.")); err != nil {
		return nil, err
	}
	if o.attempts, err = meter.Int64Counter("telnyx.client.attempts", metric.WithUnit("{attempt}"),
		metric.WithDescription("HTTP attempts sent, retries included.")); err != nil {
		return nil, err
	}
	if o.retries, err = meter.Int64Counter("telnyx.client.retries", metric.WithUnit("{retry}"),
		metric.WithDescription("Retries taken, by reason.")); err != nil {
		return nil, err
	}
	if o.exhausted, err = meter.Int64Counter("telnyx.client.retry_budget.exhausted", metric.WithUnit("{retry}"),
		metric.WithDescription("Retries refused because the client's retry budget was spent.")); err != nil {
		return nil, err
	}
	if o.window, err = meter.Int64Gauge("telnyx.client.page.window", metric.WithUnit("{page}"),
		metric.WithDescription("Pages a parallel list walk allows in flight.")); err != nil {
		return nil, err
	}
	return o, nil
}

// callData is what every span and record of one kind of call shares,
// built once per call shape and kept.
type callData struct {
	name  string               // the span name
	attrs []attribute.KeyValue // the call's attributes; read-only
	short []attribute.KeyValue // method and template only, for the retry metrics
	// callStart starts the call's span with all its attributes in one
	// option, so that starting the span copies them once.
	callStart []trace.SpanStartOption
	sets      sync.Map // outcome -> *measure
}

// measure is the attribute set of an outcome as the options of the two
// kinds of record, kept so that recording allocates nothing.
type measure struct {
	rec []metric.RecordOption
	add []metric.AddOption
}

// outcome is what a call or attempt of one shape ended with: the key of a
// metric's attribute set.
type outcome struct {
	status  int
	errType string
}

// data returns the shared attributes of calls like c.
func (o *Observer) data(c option.Call) *callData {
	if d, ok := o.calls.Load(c); ok {
		return d.(*callData)
	}
	d := &callData{name: c.Method, attrs: []attribute.KeyValue{keyMethod.String(c.Method)}}
	if c.PathTemplate != "" {
		// Without a template (a literal path that fills no operation)
		// the span is named by its method alone, as the HTTP
		// conventions say, and no attribute holds the path.
		d.name += " " + c.PathTemplate
		d.attrs = append(d.attrs, keyTemplate.String(c.PathTemplate))
	}
	d.short = d.attrs
	d.attrs = append(d.attrs[:len(d.attrs):len(d.attrs)], keyAddress.String(c.ServerAddress), keyPort.Int(c.ServerPort))
	d.callStart = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(d.attrs...)}
	got, _ := o.calls.LoadOrStore(c, d)
	return got.(*callData)
}

// set returns the metric attributes of an outcome of calls like d's,
// built once and kept: recording with a ready set spares sorting and
// copying attributes on every call.
func (d *callData) set(key outcome) *measure {
	if m, ok := d.sets.Load(key); ok {
		return m.(*measure)
	}
	kv := append([]attribute.KeyValue(nil), d.attrs...)
	if key.status != 0 {
		kv = append(kv, keyStatus.Int(key.status))
	}
	if key.errType != "" {
		kv = append(kv, keyErrorType.String(key.errType))
	}
	s := metric.WithAttributeSet(attribute.NewSet(kv...))
	m := &measure{rec: []metric.RecordOption{s}, add: []metric.AddOption{s}}
	d.sets.Store(key, m)
	return m
}

// StartCall starts the call's span, a child of ctx's.
func (o *Observer) StartCall(ctx context.Context, c option.Call) context.Context {
	d := o.data(c)
	ctx, _ = o.tracer.Start(ctx, d.name, d.callStart...)
	return ctx
}

// EndCall ends the call's span and records its duration.
func (o *Observer) EndCall(ctx context.Context, c option.Call, e option.CallEnd) {
	d := o.data(c)
	key := outcome{status: e.StatusCode}
	if e.Err != nil {
		key.errType = errorType(e.ErrorType)
	}
	o.duration.Record(ctx, e.Elapsed.Seconds(), d.set(key).rec...)
	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		return
	}
	buf := endAttrs.Get().(*[12]attribute.KeyValue)
	defer putEndAttrs(buf)
	attrs := append(buf[:0], AttrAttempts.Int(e.Attempts))
	if key.status != 0 {
		attrs = append(attrs, keyStatus.Int(key.status))
	}
	if key.errType != "" {
		attrs = append(attrs, keyErrorType.String(key.errType))
	}
	if e.RequestID != "" {
		attrs = append(attrs, AttrRequestID.String(e.RequestID))
	}
	span.SetAttributes(attrs...)
	if e.Err != nil {
		span.SetStatus(codes.Error, key.errType)
	}
	span.End()
}

// StartAttempt starts the attempt's client span and injects its trace
// context into the request's headers. The span gets its attributes when it
// ends, all in one call: a span given attributes at its start copies them
// twice more and grows them again at its end. Sampling is not affected
// under the usual parent-based samplers, which decide the attempt by the
// call span, and the call span has its attributes from its start.
func (o *Observer) StartAttempt(ctx context.Context, c option.Call, _ int, h http.Header) context.Context {
	d := o.data(c)
	ctx, _ = o.tracer.Start(ctx, d.name, clientKind...)
	o.prop.Inject(ctx, propagation.HeaderCarrier(h))
	return ctx
}

// EndAttempt sets the attempt span's attributes, ends it and counts the
// attempt.
func (o *Observer) EndAttempt(ctx context.Context, c option.Call, e option.AttemptEnd) {
	d := o.data(c)
	o.attempts.Add(ctx, 1, d.set(outcome{status: e.StatusCode, errType: e.ErrorType}).add...)
	span := trace.SpanFromContext(ctx)
	if !span.IsRecording() {
		return
	}
	buf := endAttrs.Get().(*[12]attribute.KeyValue)
	defer putEndAttrs(buf)
	attrs := append(append(buf[:0], d.attrs...), AttrAttempt.Int(e.Attempt))
	if e.Attempt > 1 {
		attrs = append(attrs, keyResendCount.Int(e.Attempt-1))
	}
	if e.StatusCode != 0 {
		attrs = append(attrs, keyStatus.Int(e.StatusCode))
	}
	if e.ErrorType != "" {
		attrs = append(attrs, keyErrorType.String(e.ErrorType))
	}
	if e.RequestID != "" {
		attrs = append(attrs, AttrRequestID.String(e.RequestID))
	}
	span.SetAttributes(attrs...)
	if e.ErrorType != "" {
		span.SetStatus(codes.Error, e.ErrorType)
	}
	span.End()
}

// clientKind starts every attempt span: built once, as an option made per
// span would be allocated per span.
var clientKind = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindClient)}

// endAttrs holds the buffers the end of a span gathers its attributes in,
// room for an attempt's nine:
// the span copies them, so a buffer is reused rather than allocated for
// every span.
var endAttrs = sync.Pool{New: func() any { return new([12]attribute.KeyValue) }}

// putEndAttrs clears a buffer, so that it holds no request id while
// pooled, and returns it.
func putEndAttrs(buf *[12]attribute.KeyValue) {
	*buf = [12]attribute.KeyValue{}
	endAttrs.Put(buf)
}

// RetryDecision adds an event to the call's span and counts retries and
// budget exhaustions.
func (o *Observer) RetryDecision(ctx context.Context, c option.Call, d option.RetryDecision) {
	trace.SpanFromContext(ctx).AddEvent("telnyx.retry_decision", trace.WithAttributes(
		AttrAttempt.Int(d.Attempt), AttrRetry.Bool(d.Retry), AttrRetryReason.String(d.Reason),
		AttrRetryDelay.Int64(d.Delay.Milliseconds()), AttrBudget.Int(d.BudgetTokens)))
	short := o.data(c).short
	attrs := metric.WithAttributes(append(short[:len(short):len(short)], AttrRetryReason.String(d.Reason))...)
	switch {
	case d.Retry:
		o.retries.Add(ctx, 1, attrs)
	case d.Reason == ReasonBudgetExhausted:
		o.exhausted.Add(ctx, 1, attrs)
	}
}

// PageWindow records the pages a parallel walk allows in flight.
func (o *Observer) PageWindow(ctx context.Context, c option.Call, window int) {
	o.window.Record(ctx, int64(window), metric.WithAttributes(o.data(c).short...))
}

// errorType is the error.type of a failed call: the convention's fallback
// when the SDK gave none.
func errorType(t string) string {
	if t == "" {
		return "_OTHER"
	}
	return t
}
