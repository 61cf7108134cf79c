//go:build unix

package telnyx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"net/url"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// This file holds the harness of the benchmarks in bench_test.go: a
// loopback server with canned answers, the same answers over an in-memory
// transport, the hand-written net/http + encoding/json client every SDK
// figure is compared with, and the meters (time, process CPU, allocations,
// peak heap) that both sides are measured with.

const (
	benchKey        = "KEY-bench-5c1e"
	benchConnID     = "1930241863466354012"
	benchProfileID  = "1911630617284445511"
	benchPages      = 40
	benchPageSize   = 250
	benchItems      = benchPages * benchPageSize
	benchMediaName  = "bench-audio"
	benchThrottleAt = 3 // the throttling server answers 429 above this many pages in flight
)

// benchStreamSize is the size of the media download and upload: 256 MiB
// with TELNYX_BENCH_FULL=1, 16 MiB otherwise (and always under -short).
func benchStreamSize() int64 {
	if os.Getenv("TELNYX_BENCH_FULL") == "1" && !testing.Short() {
		return 256 << 20
	}
	return 16 << 20
}

// benchConnJSON renders one external connection as the API sends it.
func benchConnJSON(id int64) string {
	return fmt.Sprintf(`{"id":"%d","record_type":"external_connection","active":true,"credential_active":false,`+
		`"external_sip_connection":"zoom","tags":["tag1","tag2"],"webhook_event_url":"https://example.com/hooks",`+
		`"webhook_event_failover_url":"https://failover.example.com/hooks","webhook_api_version":"2","webhook_timeout_secs":25,`+
		`"inbound":{"channel_limit":10},"outbound":{"channel_limit":10,"outbound_voice_profile_id":"%s"},`+
		`"created_at":"2022-06-29T19:23:59.521Z","updated_at":"2022-06-29T19:39:47.104Z"}`, id, benchProfileID)
}

var (
	benchOneConn  = []byte(`{"data":` + benchConnJSON(1930241863466354012) + `}`)
	benchMediaOut = []byte(`{"data":{"media_name":"` + benchMediaName + `","content_type":"audio/wav",` +
		`"expires_at":"2024-01-03T18:10:02.574Z","created_at":"2024-01-01T18:10:02.574Z","updated_at":"2024-01-01T18:10:02.574Z"}}`)
	benchListPages = func() [][]byte {
		out := make([][]byte, benchPages)
		for p := range benchPages {
			var b strings.Builder
			b.WriteString(`{"data":[`)
			for i := range benchPageSize {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(benchConnJSON(1930241863466354012 + int64(p*benchPageSize+i)))
			}
			fmt.Fprintf(&b, `],"meta":{"page_number":%d,"page_size":%d,"total_pages":%d,"total_results":%d}}`,
				p+1, benchPageSize, benchPages, benchItems)
			out[p] = []byte(b.String())
		}
		return out
	}()
	benchPattern = bytes.Repeat([]byte("telnyx-bench-pattern-0123456789\n"), 2048) // 64 KiB
	benchJSONHdr = http.Header{"Content-Type": {"application/json"}}
)

// benchPageNumber reads page[number] from a raw query without allocating,
// whether the brackets are escaped or not; 1 when absent.
func benchPageNumber(rawQuery string) int {
	for _, key := range []string{"page%5Bnumber%5D=", "page[number]="} {
		if i := strings.Index(rawQuery, key); i >= 0 {
			n := 0
			for _, c := range rawQuery[i+len(key):] {
				if c < '0' || c > '9' {
					break
				}
				n = n*10 + int(c-'0')
			}
			return max(n, 1)
		}
	}
	return 1
}

// benchAnswer is the canned JSON answer to a request, shared by the
// loopback server and the in-memory transport.
func benchAnswer(method, path, rawQuery string) (int, []byte) {
	switch {
	case method == http.MethodGet && path == "/v2/external_connections/"+benchConnID:
		return http.StatusOK, benchOneConn
	case method == http.MethodPost && path == "/v2/external_connections":
		return http.StatusCreated, benchOneConn
	case method == http.MethodGet && path == "/v2/external_connections":
		n := benchPageNumber(rawQuery)
		if n > benchPages {
			return http.StatusOK, []byte(`{"data":[],"meta":{"page_number":` + strconv.Itoa(n) + `,"total_pages":40}}`)
		}
		return http.StatusOK, benchListPages[n-1]
	case method == http.MethodPost && path == "/v2/media":
		return http.StatusOK, benchMediaOut
	}
	return http.StatusNotFound, []byte(`{"errors":[{"code":"10005","title":"Resource not found"}]}`)
}

// benchServer is the loopback API. Page requests can be slowed by
// latency and throttled: with throttleAbove > 0 a page request that would
// put more than throttleAbove pages in flight is answered 429 at once.
type benchServer struct {
	srv           *httptest.Server
	base          string
	latency       time.Duration
	throttleAbove int64
	retryAfter    string // Retry-After-Ms of a 429, none when empty
	streamSize    int64

	conns     atomic.Int64 // TCP connections accepted
	throttled atomic.Int64 // 429 answers
	uploaded  atomic.Int64 // bytes of the last uploaded media part

	mu        sync.Mutex
	inFlight  int64
	maxFlight int64
	admitted  []int64 // pages in flight, this one included, when each page request was admitted
}

func newBenchServer(b *testing.B, latency time.Duration, throttleAbove int64) *benchServer {
	s := &benchServer{latency: latency, throttleAbove: throttleAbove, streamSize: benchStreamSize()}
	s.srv = httptest.NewUnstartedServer(s)
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.srv.Start()
	s.base = s.srv.URL + "/v2"
	b.Cleanup(s.srv.Close)
	return s
}

// resetFlight forgets what the page meters saw.
func (s *benchServer) resetFlight() {
	s.mu.Lock()
	s.maxFlight, s.admitted = 0, s.admitted[:0]
	s.mu.Unlock()
	s.throttled.Store(0)
}

// flight returns the most pages seen in flight and the mean in flight at
// admission since resetFlight.
func (s *benchServer) flight() (maxFlight int64, mean float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var sum int64
	for _, n := range s.admitted {
		sum += n
	}
	if len(s.admitted) > 0 {
		mean = float64(sum) / float64(len(s.admitted))
	}
	return s.maxFlight, mean
}

func (s *benchServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/download"):
		s.download(w)
		return
	case r.Method == http.MethodPost && r.URL.Path == "/v2/media":
		if err := s.upload(r); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	case r.Method == http.MethodPost:
		_, _ = io.Copy(io.Discard, r.Body)
	case r.URL.Path == "/v2/external_connections":
		if !s.admit() {
			w.Header().Set("Content-Type", "application/json")
			if s.retryAfter != "" {
				w.Header().Set("Retry-After-Ms", s.retryAfter)
			}
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = io.WriteString(w, `{"errors":[{"code":"10011","title":"Too many requests"}]}`)
			return
		}
		defer s.leave()
		if s.latency > 0 {
			time.Sleep(s.latency)
		}
	}
	status, body := benchAnswer(r.Method, r.URL.Path, r.URL.RawQuery)
	h := w.Header()
	h["Content-Type"] = benchJSONHdr["Content-Type"]
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func (s *benchServer) admit() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.throttleAbove > 0 && s.inFlight >= s.throttleAbove {
		s.throttled.Add(1)
		return false
	}
	s.inFlight++
	s.maxFlight = max(s.maxFlight, s.inFlight)
	s.admitted = append(s.admitted, s.inFlight)
	return true
}

func (s *benchServer) leave() {
	s.mu.Lock()
	s.inFlight--
	s.mu.Unlock()
}

// download streams streamSize bytes from one 64 KiB buffer.
func (s *benchServer) download(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Length", strconv.FormatInt(s.streamSize, 10))
	w.WriteHeader(http.StatusOK)
	for left := s.streamSize; left > 0; {
		n := min(left, int64(len(benchPattern)))
		if _, err := w.Write(benchPattern[:n]); err != nil {
			return
		}
		left -= n
	}
}

// upload reads a multipart upload part by part, keeping nothing.
func (s *benchServer) upload(r *http.Request) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return err
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		n, err := io.Copy(io.Discard, p)
		if err != nil {
			return err
		}
		if p.FormName() == "media" {
			s.uploaded.Store(n)
		}
	}
}

// benchMemTransport gives the canned answers without a network, so that
// only the client's own work is measured.
type benchMemTransport struct{}

func (benchMemTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	status, body := benchAnswer(r.Method, r.URL.Path, r.URL.RawQuery)
	return &http.Response{StatusCode: status, Header: benchJSONHdr, Body: io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

// benchSDK builds an SDK client on hc; hc stays the caller's to close.
func benchSDK(b *testing.B, base string, hc *http.Client, opts ...option.RequestOption) *telnyx.Client {
	c, err := telnyx.NewClient(append([]option.RequestOption{option.WithAPIKey(benchKey), option.WithBaseURL(base), option.WithHTTPClient(hc)}, opts...)...)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// --- the hand-written baseline ---

// benchRawHTTPClient is what a careful hand-written client uses: the
// default transport with a pool sized for 64 callers, as the SDK's
// default client is, so that the comparison measures the SDK and not
// pool sizing.
func benchRawHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 128
	t.MaxIdleConnsPerHost = 64
	return &http.Client{Transport: t}
}

// rawConn is the hand-written model of an external connection.
type rawConn struct {
	ID                      string    `json:"id"`
	RecordType              string    `json:"record_type"`
	ConnectionName          string    `json:"connection_name"`
	Active                  bool      `json:"active"`
	CredentialActive        bool      `json:"credential_active"`
	ExternalSIPConnection   string    `json:"external_sip_connection"`
	Tags                    []string  `json:"tags"`
	WebhookEventURL         string    `json:"webhook_event_url"`
	WebhookEventFailoverURL string    `json:"webhook_event_failover_url"`
	WebhookAPIVersion       string    `json:"webhook_api_version"`
	WebhookTimeoutSecs      *int      `json:"webhook_timeout_secs"`
	Inbound                 rawLimit  `json:"inbound"`
	Outbound                rawOut    `json:"outbound"`
	CreatedAt               time.Time `json:"created_at"`
	UpdatedAt               time.Time `json:"updated_at"`
}

type rawLimit struct {
	ChannelLimit *int `json:"channel_limit"`
}

type rawOut struct {
	ChannelLimit           *int   `json:"channel_limit,omitempty"`
	OutboundVoiceProfileID string `json:"outbound_voice_profile_id,omitempty"`
}

type rawCreate struct {
	ExternalSIPConnection string   `json:"external_sip_connection"`
	Outbound              rawOut   `json:"outbound"`
	Active                *bool    `json:"active,omitempty"`
	Tags                  []string `json:"tags,omitempty"`
	WebhookEventURL       string   `json:"webhook_event_url,omitempty"`
}

type rawMeta struct {
	PageNumber   int `json:"page_number"`
	PageSize     int `json:"page_size"`
	TotalPages   int `json:"total_pages"`
	TotalResults int `json:"total_results"`
}

type rawPage struct {
	Data []rawConn `json:"data"`
	Meta rawMeta   `json:"meta"`
}

type rawMedia struct {
	MediaName   string    `json:"media_name"`
	ContentType string    `json:"content_type"`
	ExpiresAt   time.Time `json:"expires_at"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// benchRaw is the hand-written net/http + encoding/json client.
type benchRaw struct {
	hc   *http.Client
	base string
}

func (c benchRaw) do(req *http.Request, out any) error {
	req.Header.Set("Authorization", "Bearer "+benchKey)
	req.Header.Set("Accept", "application/json")
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	defer io.Copy(io.Discard, resp.Body) //nolint:errcheck // drained for reuse of the connection
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (c benchRaw) get(ctx context.Context, id string) (*rawConn, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/external_connections/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	var env struct {
		Data rawConn `json:"data"`
	}
	return &env.Data, c.do(req, &env)
}

func (c benchRaw) create(ctx context.Context, p rawCreate) (*rawConn, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/external_connections", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	var env struct {
		Data rawConn `json:"data"`
	}
	return &env.Data, c.do(req, &env)
}

func (c benchRaw) page(ctx context.Context, n int) (*rawPage, error) {
	q := url.Values{"page[number]": {strconv.Itoa(n)}, "page[size]": {strconv.Itoa(benchPageSize)}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/external_connections?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	var p rawPage
	return &p, c.do(req, &p)
}

// walk reads every page in turn and visits each item.
func (c benchRaw) walk(ctx context.Context, visit func(*rawConn)) error {
	for n := 1; ; n++ {
		p, err := c.page(ctx, n)
		if err != nil {
			return err
		}
		for i := range p.Data {
			visit(&p.Data[i])
		}
		if len(p.Data) == 0 || n >= p.Meta.TotalPages {
			return nil
		}
	}
}

// walkParallel reads the first page, then the others with workers pages in
// flight, and visits the items in the API's order.
func (c benchRaw) walkParallel(ctx context.Context, workers int, visit func(*rawConn)) error {
	first, err := c.page(ctx, 1)
	if err != nil {
		return err
	}
	total := first.Meta.TotalPages
	pages := make([]*rawPage, total+1)
	pages[1] = first
	errs := make([]error, total+1)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range next {
				pages[n], errs[n] = c.page(ctx, n)
			}
		}()
	}
	for n := 2; n <= total; n++ {
		next <- n
	}
	close(next)
	wg.Wait()
	for n := 1; n <= total; n++ {
		if errs[n] != nil {
			return errs[n]
		}
		for i := range pages[n].Data {
			visit(&pages[n].Data[i])
		}
	}
	return nil
}

func (c benchRaw) download(ctx context.Context, name string, w io.Writer) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/media/"+url.PathEscape(name)+"/download", nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+benchKey)
	req.Header.Set("Accept", "*/*")
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode >= 300 {
		return 0, fmt.Errorf("download: status %d", resp.StatusCode)
	}
	return io.Copy(w, resp.Body)
}

// upload streams file as a multipart body through a pipe.
func (c benchRaw) upload(ctx context.Context, name, fileName, contentType string, file io.Reader) (*rawMedia, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		err := mw.WriteField("media_name", name)
		if err == nil {
			h := make(textproto.MIMEHeader, 2)
			h.Set("Content-Disposition", `form-data; name="media"; filename="`+fileName+`"`)
			h.Set("Content-Type", contentType)
			var part io.Writer
			if part, err = mw.CreatePart(h); err == nil {
				if _, err = io.Copy(part, file); err == nil {
					err = mw.Close()
				}
			}
		}
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/media", pr)
	if err != nil {
		_ = pr.Close()
		return nil, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var env struct {
		Data rawMedia `json:"data"`
	}
	err = c.do(req, &env)
	pr.CloseWithError(errors.New("request done")) // ends the writer if the server stopped reading
	return &env.Data, err
}

// benchGen is a non-seekable reader of size generated bytes.
type benchGen struct{ left int64 }

func (g *benchGen) Read(p []byte) (int, error) {
	if g.left <= 0 {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && g.left > 0 {
		k := int(min(int64(copy(p[n:], benchPattern)), g.left))
		n += k
		g.left -= int64(k)
	}
	return n, nil
}

// --- meters ---

// benchTotals is what one side of a comparison used over all rounds.
type benchTotals struct {
	wall, cpu     time.Duration
	allocs, bytes uint64
	units         int // calls, walks or bytes done, as the benchmark counts
	rounds        int
}

func benchCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure runs f under the pprof label side=name and adds its wall time,
// the process's CPU time and its allocations to t. The allocation counts
// are the whole process's, so on loopback they include the server's share,
// which is the same for both sides.
func (t *benchTotals) measure(name string, units int, f func()) {
	pprof.Do(context.Background(), pprof.Labels("side", name), func(context.Context) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c0, t0 := benchCPU(), time.Now()
		f()
		t.wall += time.Since(t0)
		t.cpu += benchCPU() - c0
		runtime.ReadMemStats(&after)
		t.allocs += after.Mallocs - before.Mallocs
		t.bytes += after.TotalAlloc - before.TotalAlloc
	})
	t.units += units
	t.rounds++
}

func (t *benchTotals) perUnit(v float64) float64 { return v / float64(max(t.units, 1)) }

// benchArm is one side of a comparison: a name and one round of work.
type benchArm struct {
	name  string
	units int // units of work per round
	run   func()
	tot   benchTotals
}

// benchInterleave runs one round of every arm per b.Loop iteration, the
// first arm rotating from round to round, so that drift in the machine's
// load hits every arm alike. warm runs each arm once first, unmeasured.
func benchInterleave(b *testing.B, warm bool, arms ...*benchArm) {
	if warm {
		for _, a := range arms {
			a.run()
		}
	}
	round := 0
	for b.Loop() {
		for i := range arms {
			a := arms[(round+i)%len(arms)]
			a.tot.measure(a.name, a.units, a.run)
		}
		round++
	}
	b.ReportMetric(0, "ns/op") // a round has no meaning of its own
}

// reportPair reports per-unit time, CPU, allocations and bytes of sdk and
// raw, and their ratios.
func reportPair(b *testing.B, unit string, sdk, raw *benchTotals) {
	s, r := sdk, raw
	b.ReportMetric(s.perUnit(float64(s.wall)), "sdk-ns/"+unit)
	b.ReportMetric(r.perUnit(float64(r.wall)), "raw-ns/"+unit)
	b.ReportMetric(s.perUnit(float64(s.cpu)), "sdk-cpu-ns/"+unit)
	b.ReportMetric(r.perUnit(float64(r.cpu)), "raw-cpu-ns/"+unit)
	b.ReportMetric(s.perUnit(float64(s.allocs)), "sdk-allocs/"+unit)
	b.ReportMetric(r.perUnit(float64(r.allocs)), "raw-allocs/"+unit)
	b.ReportMetric(s.perUnit(float64(s.bytes)), "sdk-B/"+unit)
	b.ReportMetric(r.perUnit(float64(r.bytes)), "raw-B/"+unit)
	b.ReportMetric(benchRatio(s.perUnit(float64(s.wall)), r.perUnit(float64(r.wall))), "time-x")
	b.ReportMetric(benchRatio(s.perUnit(float64(s.cpu)), r.perUnit(float64(r.cpu))), "cpu-x")
	b.ReportMetric(benchRatio(s.perUnit(float64(s.allocs)), r.perUnit(float64(r.allocs))), "allocs-x")
	b.ReportMetric(benchRatio(s.perUnit(float64(s.bytes)), r.perUnit(float64(r.bytes))), "bytes-x")
}

func benchRatio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

var benchHeapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

func benchHeapObjects() uint64 {
	metrics.Read(benchHeapSample)
	return benchHeapSample[0].Value.Uint64()
}

// peakHeap runs f after a GC and returns how far the heap's objects (live
// and not yet collected, of the whole process) rose above where they
// started, sampled every 200µs.
func benchPeakHeap(f func()) uint64 {
	runtime.GC()
	base := benchHeapObjects()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(200 * time.Microsecond)
		defer t.Stop()
		for {
			if h := benchHeapObjects(); h > peak.Load() {
				peak.Store(h)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(stop)
	<-done
	if h := benchHeapObjects(); h > peak.Load() {
		peak.Store(h)
	}
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// hammer makes total calls of call from workers goroutines and returns
// the first error.
func benchHammer(total, workers int, call func() error) error {
	var next atomic.Int64
	var first atomic.Pointer[error]
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(total) {
				if err := call(); err != nil {
					first.CompareAndSwap(nil, &err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if p := first.Load(); p != nil {
		return *p
	}
	return nil
}
