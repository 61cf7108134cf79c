package telnyx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/siprec"
)

// The benchmarks compare the SDK with plain net/http + encoding/json doing
// the same call through the same transport, in the same run. Run with
//
//	go test -run '^$' -bench . -benchmem
//
// The Ratio benchmarks report sdk/raw for time (time-x) and allocations
// (allocs-x).

const connectorBody = `{"data":{"record_type":"siprec_connector","name":"my-srs","host":"siprec.telnyx.com","port":5060,"app_subdomain":"my-app","created_at":"2024-01-23T18:10:02.574Z","updated_at":"2024-01-23T18:10:02.574Z"}}`

// memTransport answers every request with a canned body, so that only the
// client side is measured.
type memTransport struct{ body []byte }

func (m memTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(bytes.NewReader(m.body)), ContentLength: int64(len(m.body)), Request: r}, nil
}

func rawGet(hc *http.Client, base string) error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, base+"/siprec_connectors/my-srs", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer key")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	var out struct {
		Data siprec.Connector `json:"data"`
	}
	return json.NewDecoder(resp.Body).Decode(&out)
}

func newBenchClient(b *testing.B, hc *http.Client, base string) *telnyx.Client {
	client, err := telnyx.NewClient(option.WithAPIKey("key"), option.WithBaseURL(base), option.WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	return client
}

func benchGet(b *testing.B, hc *http.Client, base string, sdk bool) {
	client := newBenchClient(b, hc, base)
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	var err error
	for i := 0; i < b.N; i++ {
		if sdk {
			_, err = client.SIPREC.Get(ctx, "my-srs")
		} else {
			err = rawGet(hc, base)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

func loopback(b *testing.B, body string) (*http.Client, string, func()) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, body)
	}))
	return core.DefaultHTTPClient(), srv.URL + "/v2", srv.Close
}

func BenchmarkGet(b *testing.B) {
	mem := &http.Client{Transport: memTransport{[]byte(connectorBody)}}
	b.Run("memory/raw", func(b *testing.B) { benchGet(b, mem, "https://api.test/v2", false) })
	b.Run("memory/sdk", func(b *testing.B) { benchGet(b, mem, "https://api.test/v2", true) })
	hc, base, stop := loopback(b, connectorBody)
	defer stop()
	b.Run("loopback/raw", func(b *testing.B) { benchGet(b, hc, base, false) })
	b.Run("loopback/sdk", func(b *testing.B) { benchGet(b, hc, base, true) })
}

// ratio runs raw and sdk b.N times each, interleaved in rounds so that
// drift in the machine's load hits both alike, and reports sdk/raw for
// time (time-x), allocations (allocs-x) and bytes (bytes-x).
func ratio(b *testing.B, raw, sdk func() error) {
	const rounds = 10
	type total struct {
		d             time.Duration
		allocs, bytes uint64
	}
	var totals [2]total
	run := func(t *total, f func() error, n int) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		for i := 0; i < n; i++ {
			if err := f(); err != nil {
				b.Fatal(err)
			}
		}
		t.d += time.Since(start)
		runtime.ReadMemStats(&after)
		t.allocs += after.Mallocs - before.Mallocs
		t.bytes += after.TotalAlloc - before.TotalAlloc
	}
	var warm total
	run(&warm, raw, 10)
	run(&warm, sdk, 10)
	per := max(b.N/rounds, 1)
	for r := 0; r < rounds; r++ {
		run(&totals[0], raw, per)
		run(&totals[1], sdk, per)
	}
	b.ReportMetric(float64(totals[1].d)/float64(totals[0].d), "time-x")
	b.ReportMetric(float64(totals[1].allocs)/float64(totals[0].allocs), "allocs-x")
	b.ReportMetric(float64(totals[1].bytes)/float64(totals[0].bytes), "bytes-x")
}

// BenchmarkGetRatio measures raw and SDK in the same run and reports sdk/raw.
func BenchmarkGetRatio(b *testing.B) {
	hc, base, stop := loopback(b, connectorBody)
	defer stop()
	mem := &http.Client{Transport: memTransport{[]byte(connectorBody)}}
	for _, tc := range []struct {
		name string
		hc   *http.Client
		base string
	}{{"memory", mem, "https://api.test/v2"}, {"loopback", hc, base}} {
		b.Run(tc.name, func(b *testing.B) {
			client := newBenchClient(b, tc.hc, tc.base)
			ctx := context.Background()
			ratio(b, func() error { return rawGet(tc.hc, tc.base) },
				func() error { _, err := client.SIPREC.Get(ctx, "my-srs"); return err })
		})
	}
}

// pagedTransport serves a list of total connections in pages.
type pagedTransport struct{ pages [][]byte }

func (p pagedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n, _ := strconv.Atoi(r.URL.Query().Get("page[number]"))
	n = max(n, 1)
	return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(p.pages[n-1])), Request: r}, nil
}

func newPaged(pages, size int) pagedTransport {
	var out [][]byte
	for p := 1; p <= pages; p++ {
		var items []string
		for i := 0; i < size; i++ {
			items = append(items, fmt.Sprintf(`{"id":"%d","record_type":"external_connection","active":true,"external_sip_connection":"zoom","tags":["a"],"created_at":"2024-01-01T00:00:00Z"}`, p*1000+i))
		}
		out = append(out, []byte(fmt.Sprintf(`{"data":[%s],"meta":{"page_number":%d,"page_size":%d,"total_pages":%d,"total_results":%d}}`,
			strings.Join(items, ","), p, size, pages, pages*size)))
	}
	return pagedTransport{out}
}

func rawWalk(hc *http.Client, _ int) (int, error) {
	n := 0
	for p := 1; ; p++ {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet,
			"https://api.test/v2/external_connections?page[number]="+strconv.Itoa(p)+"&page[size]=250", nil)
		req.Header.Set("Authorization", "Bearer key")
		resp, err := hc.Do(req)
		if err != nil {
			return n, err
		}
		var out struct {
			Data []externalconnections.Connection `json:"data"`
			Meta telnyx.PageMeta                  `json:"meta"`
		}
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if err != nil {
			return n, err
		}
		n += len(out.Data)
		if out.Meta.PageNumber >= out.Meta.TotalPages {
			return n, nil
		}
	}
}

const walkPages, walkSize = 4, 250

func sdkWalk(client *telnyx.Client) (int, error) {
	n := 0
	params := externalconnections.ListParams{Page: telnyx.PageParams{Size: walkSize}}
	for _, err := range client.ExternalConnections.ListAutoPaging(context.Background(), params) {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func checkWalk(walk func() (int, error)) func() error {
	return func() error {
		n, err := walk()
		if err == nil && n != walkPages*walkSize {
			err = fmt.Errorf("walked %d items", n)
		}
		return err
	}
}

// BenchmarkAutoPagingRatio walks 4 pages of 250 connections with the
// iterator and with a hand-written loop, and reports sdk/raw.
func BenchmarkAutoPagingRatio(b *testing.B) {
	hc := &http.Client{Transport: newPaged(walkPages, walkSize)}
	client := newBenchClient(b, hc, "https://api.test/v2")
	ratio(b, checkWalk(func() (int, error) { return rawWalk(hc, walkPages) }), checkWalk(func() (int, error) { return sdkWalk(client) }))
}
