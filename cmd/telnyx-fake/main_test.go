package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// started is a fake run by run, as its printed line announced it.
type started struct {
	base, control string
	done          chan error
	cancel        context.CancelFunc
}

// start runs the command with args on a random loopback port.
func start(t *testing.T, args ...string) *started {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	out, stdout := io.Pipe()
	s := &started{done: make(chan error, 1), cancel: cancel}
	go func() {
		err := run(ctx, append([]string{"-addr", "127.0.0.1:0", "-key", "k"}, args...), stdout)
		_ = stdout.Close()
		s.done <- err
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	m := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+/v2) \(API key: k(?:; control: (http://127\.0\.0\.1:\d+/_fake))?\)`).FindStringSubmatch(line)
	require.NotNil(t, m, "printed line %q", line)
	s.base, s.control = m[1], m[2]
	go func() { _, _ = io.Copy(io.Discard, out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-s.done:
			assert.NoError(t, err, "run's result after the context was cancelled")
		case <-time.After(10 * time.Second):
			t.Error("run did not return after the context was cancelled")
		}
	})
	return s
}

// get sends a GET with the key and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer k")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, resp.Body.Close())
	require.NoError(t, err)
	return resp.StatusCode, string(body)
}

func TestRunServesUntilCancelled(t *testing.T) {
	t.Parallel()
	s := start(t, "-seed")
	status, body := get(t, s.base+"/recordings")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"record_type":"recording"`, "seeded demo data is served")

	// The control surface is on by default.
	require.NotEmpty(t, s.control)
	status, body = get(t, s.control+"/faults")
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"data":{"faults":[],"latency_ms":0}}`, body)

	s.cancel()
	select {
	case err := <-s.done:
		assert.NoError(t, err)
		s.done <- err // for the cleanup
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after the context was cancelled")
	}
}

func TestRunLoadsSeedFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "seed.json")
	require.NoError(t, os.WriteFile(path, []byte(`{
		"external_connections": [{"id": "1293384261075731499", "connection_name": "From the file", "active": true}],
		"phone_numbers": [{"external_connection_id": "1293384261075731499", "telephone_number": "+19705555098"}],
		"recordings": [{"id": "428c31b6-7af4-4bcb-b7f5-5013ef9657c1", "from": "+15551230000"}]
	}`), 0o600))
	s := start(t, "-seed-file", path, "-control=false")
	assert.Empty(t, s.control, "no control surface announced")

	status, body := get(t, s.base+"/external_connections/1293384261075731499")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"connection_name":"From the file"`)
	status, body = get(t, s.base+"/recordings?filter[from]=%2B15551230000")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `"428c31b6-7af4-4bcb-b7f5-5013ef9657c1"`)
	status, _ = get(t, strings.TrimSuffix(s.base, "/v2")+"/_fake/faults")
	assert.Equal(t, http.StatusNotFound, status, "-control=false")
}

func TestRunRejectsBadInput(t *testing.T) {
	t.Parallel()
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"recordings": [{"created_at": "yesterday"}]}`), 0o600))
	for name, args := range map[string][]string{
		"unknown flag":      {"-nope"},
		"extra argument":    {"extra"},
		"missing seed file": {"-seed-file", filepath.Join(t.TempDir(), "missing.json")},
		"invalid seed file": {"-seed-file", bad},
	} {
		err := run(t.Context(), append([]string{"-addr", "127.0.0.1:0"}, args...), io.Discard)
		assert.Error(t, err, name)
	}
	err := run(t.Context(), []string{"-addr", "127.0.0.1:0", "-seed-file", bad}, io.Discard)
	assert.ErrorContains(t, err, "/recordings/0")
}
