//go:build unix

package telnyx_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// The benchmarks measure the SDK against a hand-written net/http +
// encoding/json client doing the same work, in the same run: each b.Loop
// iteration is one round of every side, the first side rotating, and the
// metrics are totals over all rounds. "sdk-*" and "raw-*" are per unit of
// work (call, walk, item); "*-x" metrics are sdk/raw ratios. The server is
// an httptest server on loopback in this process; the "memory" variants
// answer from an in-memory transport, so that their figures are the
// client's alone. ns/op is suppressed: a round has no meaning of its own.
//
//	go test -run '^$' -bench . -benchtime=1x ./     # smoke run, well under a minute
//	scripts/bench.sh                                # the full run and its table
//
// The media cases move 16 MiB, or 256 MiB with TELNYX_BENCH_FULL=1.

var benchSink int // keeps visited items alive

// benchTransports are the two ways a GET or POST benchmark reaches its
// answers.
func benchTransports(b *testing.B) []struct {
	name string
	base string
	sdk  *http.Client
	raw  *http.Client
} {
	srv := newBenchServer(b, 0, 0)
	mem := &http.Client{Transport: benchMemTransport{}}
	return []struct {
		name string
		base string
		sdk  *http.Client
		raw  *http.Client
	}{
		{"loopback", srv.base, option.DefaultHTTPClient(), benchRawHTTPClient()},
		{"memory", "http://127.0.0.1:1/v2", mem, mem},
	}
}

const benchCallsPerRound = 200

// BenchmarkGet gets one external connection.
func BenchmarkGet(b *testing.B) {
	for _, tc := range benchTransports(b) {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			svc := externalconnections.New(benchSDK(b, tc.base, tc.sdk))
			raw := benchRaw{hc: tc.raw, base: tc.base}
			sdkArm := &benchArm{name: "sdk", units: benchCallsPerRound, run: func() {
				for range benchCallsPerRound {
					c, err := svc.Get(ctx, benchConnID)
					if err != nil || c.ID != benchConnID {
						b.Fatal(c, err)
					}
				}
			}}
			rawArm := &benchArm{name: "raw", units: benchCallsPerRound, run: func() {
				for range benchCallsPerRound {
					c, err := raw.get(ctx, benchConnID)
					if err != nil || c.ID != benchConnID {
						b.Fatal(c, err)
					}
				}
			}}
			benchInterleave(b, true, sdkArm, rawArm)
			reportPair(b, "call", &sdkArm.tot, &rawArm.tot)
		})
	}
}

// BenchmarkCreate creates an external connection.
func BenchmarkCreate(b *testing.B) {
	for _, tc := range benchTransports(b) {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			svc := externalconnections.New(benchSDK(b, tc.base, tc.sdk))
			raw := benchRaw{hc: tc.raw, base: tc.base}
			sdkArm := &benchArm{name: "sdk", units: benchCallsPerRound, run: func() {
				for range benchCallsPerRound {
					c, err := svc.Create(ctx, externalconnections.CreateParams{
						ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
						Outbound:              externalconnections.OutboundParams{OutboundVoiceProfileID: benchProfileID},
						Active:                telnyx.Bool(true),
						Tags:                  []string{"tag1", "tag2"},
						WebhookEventURL:       telnyx.String("https://example.com/hooks"),
					})
					if err != nil || c.ID != benchConnID {
						b.Fatal(c, err)
					}
				}
			}}
			rawArm := &benchArm{name: "raw", units: benchCallsPerRound, run: func() {
				for range benchCallsPerRound {
					active := true
					c, err := raw.create(ctx, rawCreate{
						ExternalSIPConnection: "zoom",
						Outbound:              rawOut{OutboundVoiceProfileID: benchProfileID},
						Active:                &active,
						Tags:                  []string{"tag1", "tag2"},
						WebhookEventURL:       "https://example.com/hooks",
					})
					if err != nil || c.ID != benchConnID {
						b.Fatal(c, err)
					}
				}
			}}
			benchInterleave(b, true, sdkArm, rawArm)
			reportPair(b, "call", &sdkArm.tot, &rawArm.tot)
		})
	}
}

// benchSDKWalk walks the list with ListAutoPaging and returns the items
// seen.
func benchSDKWalk(ctx context.Context, svc *externalconnections.Service) (int, error) {
	n := 0
	params := externalconnections.ListParams{Page: telnyx.PageParams{Size: benchPageSize}}
	for c, err := range svc.ListAutoPaging(ctx, params) {
		if err != nil {
			return n, err
		}
		n++
		benchSink += len(c.ID)
	}
	return n, nil
}

func benchRawVisit(n *int) func(*rawConn) {
	return func(c *rawConn) {
		*n++
		benchSink += len(c.ID)
	}
}

// benchWalkArm is an arm that walks the whole list once per round.
func benchWalkArm(b *testing.B, name string, walk func() (int, error)) *benchArm {
	return &benchArm{name: name, units: 1, run: func() {
		n, err := walk()
		if err != nil || n != benchItems {
			b.Fatalf("%s walked %d items: %v", name, n, err)
		}
	}}
}

// BenchmarkWalk walks 10,000 connections, 40 pages of 250, one page at a
// time, with ListAutoPaging and with a hand-written loop.
func BenchmarkWalk(b *testing.B) {
	for _, tc := range benchTransports(b) {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			svc := externalconnections.New(benchSDK(b, tc.base, tc.sdk))
			raw := benchRaw{hc: tc.raw, base: tc.base}
			sdkArm := benchWalkArm(b, "sdk", func() (int, error) { return benchSDKWalk(ctx, svc) })
			rawArm := benchWalkArm(b, "raw", func() (int, error) {
				n := 0
				return n, raw.walk(ctx, benchRawVisit(&n))
			})
			benchInterleave(b, true, sdkArm, rawArm)
			reportPair(b, "walk", &sdkArm.tot, &rawArm.tot)
			b.ReportMetric(sdkArm.tot.perUnit(float64(sdkArm.tot.cpu))/benchItems, "sdk-cpu-ns/item")
			b.ReportMetric(rawArm.tot.perUnit(float64(rawArm.tot.cpu))/benchItems, "raw-cpu-ns/item")
		})
	}
}

// BenchmarkWalkLatency walks the same list from a server that takes 20 ms
// per page: the SDK one page at a time and with 2, 4 and 8 pages in flight
// (option.WithPageConcurrency), the hand-written loop one page at a time and
// with 8 workers.
func BenchmarkWalkLatency(b *testing.B) {
	srv := newBenchServer(b, 20*time.Millisecond, 0)
	ctx := context.Background()
	hc := option.DefaultHTTPClient()
	raw := benchRaw{hc: benchRawHTTPClient(), base: srv.base}
	var arms []*benchArm
	for _, n := range []int{1, 2, 4, 8} {
		svc := externalconnections.New(benchSDK(b, srv.base, hc, option.WithPageConcurrency(n)))
		arms = append(arms, benchWalkArm(b, fmt.Sprintf("sdk-n%d", n), func() (int, error) { return benchSDKWalk(ctx, svc) }))
	}
	arms = append(arms,
		benchWalkArm(b, "raw-n1", func() (int, error) {
			n := 0
			return n, raw.walk(ctx, benchRawVisit(&n))
		}),
		benchWalkArm(b, "raw-n8", func() (int, error) {
			n := 0
			return n, raw.walkParallel(ctx, 8, benchRawVisit(&n))
		}))
	benchInterleave(b, false, arms...)
	ms := map[string]float64{}
	for _, a := range arms {
		ms[a.name] = a.tot.perUnit(float64(a.tot.wall)) / 1e6
		b.ReportMetric(ms[a.name], a.name+"-ms/walk")
	}
	b.ReportMetric(ms["sdk-n1"]/ms["sdk-n8"], "n8-speedup-x")
	b.ReportMetric(ms["sdk-n1"]/ms["sdk-n4"], "n4-speedup-x")
	b.ReportMetric(ms["sdk-n1"]/ms["sdk-n2"], "n2-speedup-x")
	b.ReportMetric(ms["sdk-n8"]/ms["raw-n8"], "n8-vs-raw8-x")
	b.ReportMetric(ms["sdk-n1"]/ms["raw-n1"], "n1-vs-raw1-x")
}

// BenchmarkWalkThrottled walks the list at 20 ms per page from a server
// that answers 429, with no Retry-After, to a page request that would put
// more than 3 in flight. The SDK runs with its default retry settings, and
// once more with a 5 ms retry backoff. It reports wall time, the 429s seen,
// what the server saw in flight (the SDK's window itself is not
// observable), the walks that ended in an error and the pages delivered per
// second. Each walk uses a fresh client, so a full retry budget, on one
// shared pool.
func BenchmarkWalkThrottled(b *testing.B) {
	srv := newBenchServer(b, 20*time.Millisecond, benchThrottleAt)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		n    int
		opts []option.RequestOption
	}{
		{"n1", 1, nil}, {"n4", 4, nil}, {"n8", 8, nil},
		// The same walk with a short retry backoff, to tell the cost of
		// the backoff from that of the lowered concurrency.
		{"n8-backoff5ms", 8, []option.RequestOption{option.WithRetryBackoff(5*time.Millisecond, 50*time.Millisecond)}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			opts := append([]option.RequestOption{option.WithPageConcurrency(tc.n)}, tc.opts...)
			hc := option.DefaultHTTPClient()
			var wall time.Duration
			var walks, pages, failed, throttled, maxFlight int64
			var meanFlight float64
			for b.Loop() {
				// A fresh client per walk, on the same pool: every walk
				// starts with a full retry budget.
				svc := externalconnections.New(benchSDK(b, srv.base, hc, opts...))
				srv.resetFlight()
				t0 := time.Now()
				got, err := benchSDKWalk(ctx, svc)
				wall += time.Since(t0)
				walks++
				pages += int64(got / benchPageSize)
				if err != nil || got != benchItems {
					if failed == 0 {
						b.Logf("walk failed after %d items: %v", got, err)
					}
					failed++
				}
				throttled += srv.throttled.Load()
				mx, mean := srv.flight()
				maxFlight = max(maxFlight, mx)
				meanFlight += mean
			}
			w := float64(walks)
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(float64(wall)/w/1e6, "ms/walk")
			b.ReportMetric(float64(throttled)/w, "429s/walk")
			b.ReportMetric(float64(failed)/w, "failed/walk")
			b.ReportMetric(float64(maxFlight), "max-in-flight")
			b.ReportMetric(meanFlight/w, "mean-in-flight")
			b.ReportMetric(float64(pages)/wall.Seconds(), "pages/s")
		})
	}
}

// BenchmarkWalkThrottledVsSequential walks the list at 20 ms per page from
// the server that answers 429 above 3 pages in flight, without and with
// Retry-After-Ms: 50, 8 pages wide and one page at a time, in the same
// rounds, with the default retry settings. Each walk uses a fresh client (a
// full retry budget) on one shared pool. n8-vs-n1-x is the 8-wide walk's
// time over the sequential walk's; n8-429s/walk the refusals it drew.
func BenchmarkWalkThrottledVsSequential(b *testing.B) {
	for _, tc := range []struct{ name, retryAfter string }{{"no-retry-after", ""}, {"retry-after-50ms", "50"}} {
		b.Run(tc.name, func(b *testing.B) {
			srv := newBenchServer(b, 20*time.Millisecond, benchThrottleAt)
			srv.retryAfter = tc.retryAfter
			ctx := context.Background()
			hc := option.DefaultHTTPClient()
			arm := func(n int) *benchArm {
				return benchWalkArm(b, fmt.Sprintf("sdk-n%d", n), func() (int, error) {
					svc := externalconnections.New(benchSDK(b, srv.base, hc, option.WithPageConcurrency(n)))
					return benchSDKWalk(ctx, svc)
				})
			}
			seq, wide := arm(1), arm(8)
			benchInterleave(b, false, seq, wide)
			s, w := seq.tot.perUnit(float64(seq.tot.wall))/1e6, wide.tot.perUnit(float64(wide.tot.wall))/1e6
			b.ReportMetric(s, "sdk-n1-ms/walk")
			b.ReportMetric(w, "sdk-n8-ms/walk")
			b.ReportMetric(benchRatio(w, s), "n8-vs-n1-x")
			// Only the 8-wide walk can exceed 3 pages in flight.
			b.ReportMetric(wide.tot.perUnit(float64(srv.throttled.Load())), "n8-429s/walk")
		})
	}
}

// BenchmarkDownload streams a media file to io.Discard and samples the
// heap while it does.
func BenchmarkDownload(b *testing.B) {
	srv := newBenchServer(b, 0, 0)
	size := srv.streamSize
	ctx := context.Background()
	svc := media.New(benchSDK(b, srv.base, option.DefaultHTTPClient()))
	raw := benchRaw{hc: benchRawHTTPClient(), base: srv.base}
	var sdkPeak, rawPeak uint64
	sdkArm := &benchArm{name: "sdk", units: 1, run: func() {
		sdkPeak = max(sdkPeak, benchPeakHeap(func() {
			d, err := svc.Download(ctx, benchMediaName)
			if err != nil {
				b.Fatal(err)
			}
			n, err := io.Copy(io.Discard, d)
			_ = d.Close()
			if err != nil || n != size {
				b.Fatalf("downloaded %d bytes: %v", n, err)
			}
		}))
	}}
	rawArm := &benchArm{name: "raw", units: 1, run: func() {
		rawPeak = max(rawPeak, benchPeakHeap(func() {
			n, err := raw.download(ctx, benchMediaName, io.Discard)
			if err != nil || n != size {
				b.Fatalf("downloaded %d bytes: %v", n, err)
			}
		}))
	}}
	benchInterleave(b, false, sdkArm, rawArm)
	reportStream(b, size, &sdkArm.tot, &rawArm.tot, sdkPeak, rawPeak)
}

// BenchmarkUpload uploads a media file as multipart/form-data from a
// reader that cannot seek and makes its bytes as it is read, and samples
// the heap while it does.
func BenchmarkUpload(b *testing.B) {
	srv := newBenchServer(b, 0, 0)
	size := srv.streamSize
	ctx := context.Background()
	svc := media.New(benchSDK(b, srv.base, option.DefaultHTTPClient()))
	raw := benchRaw{hc: benchRawHTTPClient(), base: srv.base}
	var sdkPeak, rawPeak uint64
	check := func(name string, err error) {
		if err != nil || name != benchMediaName || srv.uploaded.Load() != size {
			b.Fatalf("uploaded %d bytes as %q: %v", srv.uploaded.Load(), name, err)
		}
		srv.uploaded.Store(0)
	}
	sdkArm := &benchArm{name: "sdk", units: 1, run: func() {
		sdkPeak = max(sdkPeak, benchPeakHeap(func() {
			f, err := svc.Upload(ctx, media.UploadParams{File: &benchGen{left: size}, FileName: "bench.wav",
				ContentType: "audio/wav", MediaName: telnyx.String(benchMediaName)})
			name := ""
			if f != nil {
				name = f.MediaName
			}
			check(name, err)
		}))
	}}
	rawArm := &benchArm{name: "raw", units: 1, run: func() {
		rawPeak = max(rawPeak, benchPeakHeap(func() {
			f, err := raw.upload(ctx, benchMediaName, "bench.wav", "audio/wav", &benchGen{left: size})
			check(f.MediaName, err)
		}))
	}}
	benchInterleave(b, false, sdkArm, rawArm)
	reportStream(b, size, &sdkArm.tot, &rawArm.tot, sdkPeak, rawPeak)
}

func reportStream(b *testing.B, size int64, sdk, raw *benchTotals, sdkPeak, rawPeak uint64) {
	mbps := func(t *benchTotals) float64 { return float64(size) * float64(t.rounds) / t.wall.Seconds() / 1e6 }
	b.ReportMetric(mbps(sdk), "sdk-MB/s")
	b.ReportMetric(mbps(raw), "raw-MB/s")
	b.ReportMetric(mbps(sdk)/mbps(raw), "tput-x")
	b.ReportMetric(float64(sdkPeak)/1024, "sdk-peak-heap-KiB")
	b.ReportMetric(float64(rawPeak)/1024, "raw-peak-heap-KiB")
	b.ReportMetric(float64(size>>20), "MiB")
}

// BenchmarkConcurrentGet makes 10,000 GETs from 64 goroutines sharing one
// client, each round with a fresh client and pool, and counts the TCP
// connections the server accepted for them.
func BenchmarkConcurrentGet(b *testing.B) {
	const total, workers = 10_000, 64
	srv := newBenchServer(b, 0, 0)
	ctx := context.Background()
	var sdkConns, rawConns int64
	sdkArm := &benchArm{name: "sdk", units: total, run: func() {
		hc := option.DefaultHTTPClient()
		defer hc.CloseIdleConnections()
		svc := externalconnections.New(benchSDK(b, srv.base, hc))
		before := srv.conns.Load()
		if err := benchHammer(total, workers, func() error { _, err := svc.Get(ctx, benchConnID); return err }); err != nil {
			b.Fatal(err)
		}
		sdkConns = max(sdkConns, srv.conns.Load()-before)
	}}
	rawArm := &benchArm{name: "raw", units: total, run: func() {
		hc := benchRawHTTPClient()
		defer hc.CloseIdleConnections()
		raw := benchRaw{hc: hc, base: srv.base}
		before := srv.conns.Load()
		if err := benchHammer(total, workers, func() error { _, err := raw.get(ctx, benchConnID); return err }); err != nil {
			b.Fatal(err)
		}
		rawConns = max(rawConns, srv.conns.Load()-before)
	}}
	benchInterleave(b, false, sdkArm, rawArm)
	rps := func(t *benchTotals) float64 { return float64(t.units) / t.wall.Seconds() }
	b.ReportMetric(rps(&sdkArm.tot), "sdk-req/s")
	b.ReportMetric(rps(&rawArm.tot), "raw-req/s")
	b.ReportMetric(rps(&sdkArm.tot)/rps(&rawArm.tot), "tput-x")
	b.ReportMetric(float64(sdkConns), "sdk-conns")
	b.ReportMetric(float64(rawConns), "raw-conns")
	b.ReportMetric(sdkArm.tot.perUnit(float64(sdkArm.tot.allocs)), "sdk-allocs/call")
	b.ReportMetric(rawArm.tot.perUnit(float64(rawArm.tot.allocs)), "raw-allocs/call")
}
