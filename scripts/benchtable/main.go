// Command benchtable reads the output of the SDK's benchmarks (go test
// -bench, any -count) on standard input and prints one Markdown table: for
// each figure the SDK's value, the hand-written baseline's, their ratio,
// the target and whether it was met. Each value is the median over the
// runs. scripts/bench.sh runs it.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// row is one line of the table. SDK, Raw and Ratio name metrics of Bench;
// Check names the metric the target applies to (Ratio when empty), and Op
// and Limit the target itself (no target when Op is empty). Text, when
// set, replaces the SDK column.
type row struct {
	Item, Bench, Measure string
	SDK, Raw, Ratio      string
	Check, Op            string
	Limit                float64
	Text                 func(m func(string) (float64, bool)) string
}

var rows = []row{
	{Item: "1 GET", Bench: "Get/loopback", Measure: "time per call (ns)", SDK: "sdk-ns/call", Raw: "raw-ns/call", Ratio: "time-x", Op: "<=", Limit: 1.05},
	{Item: "1 GET", Bench: "Get/loopback", Measure: "allocs per call, process", SDK: "sdk-allocs/call", Raw: "raw-allocs/call", Ratio: "allocs-x", Op: "<=", Limit: 1.0},
	{Item: "1 GET", Bench: "Get/memory", Measure: "time per call (ns), client only", SDK: "sdk-ns/call", Raw: "raw-ns/call", Ratio: "time-x", Op: "<=", Limit: 1.05},
	{Item: "1 GET", Bench: "Get/memory", Measure: "allocs per call, client only", SDK: "sdk-allocs/call", Raw: "raw-allocs/call", Ratio: "allocs-x", Op: "<=", Limit: 1.0},
	{Item: "1 GET", Bench: "Get/memory", Measure: "bytes per call, client only", SDK: "sdk-B/call", Raw: "raw-B/call", Ratio: "bytes-x"},
	{Item: "2 POST", Bench: "Create/loopback", Measure: "time per call (ns)", SDK: "sdk-ns/call", Raw: "raw-ns/call", Ratio: "time-x", Op: "<=", Limit: 1.05},
	{Item: "2 POST", Bench: "Create/loopback", Measure: "allocs per call, process", SDK: "sdk-allocs/call", Raw: "raw-allocs/call", Ratio: "allocs-x", Op: "<=", Limit: 1.0},
	{Item: "2 POST", Bench: "Create/memory", Measure: "time per call (ns), client only", SDK: "sdk-ns/call", Raw: "raw-ns/call", Ratio: "time-x", Op: "<=", Limit: 1.05},
	{Item: "2 POST", Bench: "Create/memory", Measure: "allocs per call, client only", SDK: "sdk-allocs/call", Raw: "raw-allocs/call", Ratio: "allocs-x", Op: "<=", Limit: 1.0},
	{Item: "2 POST", Bench: "Create/memory", Measure: "bytes per call, client only", SDK: "sdk-B/call", Raw: "raw-B/call", Ratio: "bytes-x"},
	{Item: "3 walk 10k", Bench: "Walk/loopback", Measure: "process CPU per item (ns)", SDK: "sdk-cpu-ns/item", Raw: "raw-cpu-ns/item", Ratio: "cpu-x", Op: "<=", Limit: 1.0},
	{Item: "3 walk 10k", Bench: "Walk/loopback", Measure: "wall per walk (ns)", SDK: "sdk-ns/walk", Raw: "raw-ns/walk", Ratio: "time-x"},
	{Item: "3 walk 10k", Bench: "Walk/loopback", Measure: "allocs per walk, process", SDK: "sdk-allocs/walk", Raw: "raw-allocs/walk", Ratio: "allocs-x"},
	{Item: "3 walk 10k", Bench: "Walk/loopback", Measure: "bytes per walk, process", SDK: "sdk-B/walk", Raw: "raw-B/walk", Ratio: "bytes-x"},
	{Item: "3 walk 10k", Bench: "Walk/memory", Measure: "CPU per item (ns), client only", SDK: "sdk-cpu-ns/item", Raw: "raw-cpu-ns/item", Ratio: "cpu-x", Op: "<=", Limit: 1.0},
	{Item: "3 walk 10k", Bench: "Walk/memory", Measure: "allocs per walk, client only", SDK: "sdk-allocs/walk", Raw: "raw-allocs/walk", Ratio: "allocs-x"},
	{Item: "3 walk 10k", Bench: "Walk/memory", Measure: "bytes per walk, client only", SDK: "sdk-B/walk", Raw: "raw-B/walk", Ratio: "bytes-x"},
	{Item: "4 walk @20ms", Bench: "WalkLatency", Measure: "sequential, ms per walk", SDK: "sdk-n1-ms/walk", Raw: "raw-n1-ms/walk", Ratio: "n1-vs-raw1-x"},
	{Item: "4 walk @20ms", Bench: "WalkLatency", Measure: "n=2: ms per walk (ratio: speedup over sequential)", SDK: "sdk-n2-ms/walk", Ratio: "n2-speedup-x"},
	{Item: "4 walk @20ms", Bench: "WalkLatency", Measure: "n=4: ms per walk (ratio: speedup over sequential)", SDK: "sdk-n4-ms/walk", Ratio: "n4-speedup-x"},
	{Item: "4 walk @20ms", Bench: "WalkLatency", Measure: "n=8: ms per walk (ratio: speedup over sequential)", SDK: "sdk-n8-ms/walk", Ratio: "n8-speedup-x", Op: ">=", Limit: 4},
	{Item: "4 walk @20ms", Bench: "WalkLatency", Measure: "n=8 vs raw 8 in flight, ms per walk", SDK: "sdk-n8-ms/walk", Raw: "raw-n8-ms/walk", Ratio: "n8-vs-raw8-x", Op: "<=", Limit: 1.3},
	throttled("n1"), throttled("n4"), throttled("n8"), throttled("n8-backoff5ms"),
	{Item: "5 download", Bench: "Download", Measure: "throughput (MB/s)", SDK: "sdk-MB/s", Raw: "raw-MB/s", Ratio: "tput-x"},
	{Item: "5 download", Bench: "Download", Measure: "peak heap growth (KiB)", SDK: "sdk-peak-heap-KiB", Raw: "raw-peak-heap-KiB", Check: "sdk-peak-heap-KiB", Op: "<", Limit: 256},
	{Item: "6 upload", Bench: "Upload", Measure: "throughput (MB/s)", SDK: "sdk-MB/s", Raw: "raw-MB/s", Ratio: "tput-x"},
	{Item: "6 upload", Bench: "Upload", Measure: "peak heap growth (KiB)", SDK: "sdk-peak-heap-KiB", Raw: "raw-peak-heap-KiB", Check: "sdk-peak-heap-KiB", Op: "<", Limit: 256},
	{Item: "7 64 goroutines", Bench: "ConcurrentGet", Measure: "throughput (req/s)", SDK: "sdk-req/s", Raw: "raw-req/s", Ratio: "tput-x", Op: ">=", Limit: 1.0},
	{Item: "7 64 goroutines", Bench: "ConcurrentGet", Measure: "TCP connections accepted", SDK: "sdk-conns", Raw: "raw-conns", Check: "sdk-conns", Op: "<=", Limit: 64},
}

// throttled is the row of one walk against the server that answers 429
// above 3 pages in flight.
func throttled(n string) row {
	return row{Item: "4 walk @20ms, 429 above 3", Bench: "WalkThrottled/" + n, Measure: n + ": ms per walk; behaviour",
		SDK: "ms/walk", Text: func(m func(string) (float64, bool)) string {
			get := func(k string) string {
				v, ok := m(k)
				if !ok {
					return "n/a"
				}
				return num(v)
			}
			return fmt.Sprintf("%s ms, %s pages/s, %s × 429, in flight max %s mean %s, %s failed",
				get("ms/walk"), get("pages/s"), get("429s/walk"), get("max-in-flight"), get("mean-in-flight"), get("failed/walk"))
		}}
}

var suffix = regexp.MustCompile(`-\d+$`)

// parse collects every value of every metric of every benchmark.
func parse(r io.Reader) (map[string]map[string][]float64, int, error) {
	out := map[string]map[string][]float64{}
	runs := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := suffix.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		runs[name]++
		if out[name] == nil {
			out[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			out[name][f[i+1]] = append(out[name][f[i+1]], v)
		}
	}
	most := 0
	for _, n := range runs {
		most = max(most, n)
	}
	return out, most, sc.Err()
}

func median(vs []float64) float64 {
	s := append([]float64(nil), vs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// num prints v with about four significant digits, without exponents.
func num(v float64) string {
	a := v
	if a < 0 {
		a = -a
	}
	switch {
	case a >= 1000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

func main() {
	data, runs, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	if len(data) == 0 {
		fmt.Fprintln(os.Stderr, "benchtable: no benchmark lines on standard input")
		os.Exit(1)
	}
	fmt.Printf("| # | benchmark | measure | SDK | raw | SDK/raw | target | met |\n")
	fmt.Printf("|---|---|---|---:|---:|---:|---|---|\n")
	missed := 0
	for _, r := range rows {
		m := data[r.Bench]
		if m == nil {
			continue // not run this time
		}
		line, ok := tableRow(r, m)
		fmt.Println(line)
		if !ok {
			missed++
		}
	}
	fmt.Printf("\nMedians of %d run(s). Targets missed: %d.\n", runs, missed)
}

// tableRow writes r as a Markdown table row from the measures of its
// benchmark (median by key) and reports whether r's target, if any, is not
// missed.
func tableRow(r row, measures map[string][]float64) (string, bool) {
	metric := func(k string) (float64, bool) {
		vs := measures[k]
		if len(vs) == 0 {
			return 0, false
		}
		return median(vs), true
	}
	cell := func(k string) string {
		if k == "" {
			return ""
		}
		if v, ok := metric(k); ok {
			return num(v)
		}
		return "n/a"
	}
	sdk := cell(r.SDK)
	if r.Text != nil {
		sdk = r.Text(metric)
	}
	ratio := cell(r.Ratio)
	if ratio != "" && ratio != "n/a" {
		ratio += "x"
	}
	target, met := targetCells(r, metric)
	line := fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s |", r.Item, r.Bench, r.Measure, sdk, cell(r.Raw), ratio, target, met)
	return line, met != "**no**"
}

// targetCells are the target and met cells of r: empty when r has no
// target, met "n/a" when its measure was not taken.
func targetCells(r row, metric func(string) (float64, bool)) (target, met string) {
	if r.Op == "" {
		return "", ""
	}
	check := r.Check
	if check == "" {
		check = r.Ratio
	}
	target = r.Op + " " + num(r.Limit)
	if check == r.Ratio {
		target += "x"
	}
	switch v, ok := metric(check); {
	case !ok:
		return target, "n/a"
	case pass(v, r.Op, r.Limit):
		return target, "yes"
	}
	return target, "**no**"
}

func pass(v float64, op string, limit float64) bool {
	switch op {
	case "<=":
		return v <= limit
	case ">=":
		return v >= limit
	case "<":
		return v < limit
	}
	return false
}
