package core_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// TestRewindWaitsForThePreviousWriter: the server refuses before reading the
// body, so the first attempt's writer may still be copying the file when the
// retry rewinds it. Run with -race.
func TestRewindWaitsForThePreviousWriter(t *testing.T) {
	content := bytes.Repeat([]byte("0123456789"), 800<<10)
	want := sha256.Sum256(content)
	var n atomic.Int32
	var mu sync.Mutex
	var got [][32]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		mr, err := r.MultipartReader()
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		part, err := mr.NextPart()
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		h := sha256.New()
		_, _ = io.Copy(h, part)
		var sum [32]byte
		copy(sum[:], h.Sum(nil))
		mu.Lock()
		got = append(got, sum)
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL), option.WithRetryBackoff(0, 0))
	require.NoError(t, err)
	mp := &core.Multipart{FileField: "media", FileName: "f.bin", File: bytes.NewReader(content)}
	require.NoError(t, c.Do(ctx, core.Request{Method: http.MethodPost, Path: "/media", Body: mp}, nil, nil))
	require.Len(t, got, 1)
	assert.Equal(t, want, got[0], "the replayed file is byte for byte the original")
}

func TestFailedNextCanBeRetried(t *testing.T) {
	c, mock := testutil.NewClient(t, option.WithMaxRetries(0))
	var calls atomic.Int32
	mock.RegisterResponder("GET", `=~^`+testutil.BaseURL+`/cursor`, func(r *http.Request) (*http.Response, error) {
		if r.URL.Query().Get("page[after]") == "" {
			return httpmock.NewStringResponse(200, `{"data":[{"id":1}],"meta":{"cursors":{"after":"c1"}}}`), nil
		}
		if calls.Add(1) == 1 {
			return httpmock.NewStringResponse(400, `{"errors":[{"code":"1","title":"Bad"}]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"data":[{"id":2}],"meta":{}}`), nil
	})
	page, err := core.List[item](ctx, c, "/cursor", nil, nil)
	require.NoError(t, err)
	_, err = page.Next(ctx)
	require.ErrorIs(t, err, core.ErrBadRequest)
	require.True(t, page.HasNext(), "a failed Next does not use up the cursor")
	next, err := page.Next(ctx)
	require.NoError(t, err)
	assert.Equal(t, []item{{2}}, next.Data)
}

func TestHugeRetryAfterMsIsPastTheCap(t *testing.T) {
	c, mock := testutil.NewClient(t)
	n := sequence(mock, "GET", "/x", http.Header{"Retry-After-Ms": {"1e20"}}, 429)
	start := time.Now()
	err := get(c, "/x")
	assert.Less(t, time.Since(start), time.Second)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Positive(t, apiErr.RetryAfter)
	assert.EqualValues(t, 1, n.Load(), "a wait past the cap is not taken")
}

func TestResponseIntoIsRefusedOnTheClient(t *testing.T) {
	var resp *http.Response
	_, err := core.NewClient(option.WithAPIKey("k"), option.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "single call")
	_, err = core.NewClient(option.WithAPIKey("k"), option.WithRetryBudget(-1))
	require.Error(t, err)
}

// TestAttemptTimeoutWhileReadingIsRetried: the headers come at once, the
// body stalls past the per-attempt limit; the attempt is retried.
func TestAttemptTimeoutWhileReadingIsRetried(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if n.Add(1) == 1 {
			_, _ = w.Write([]byte(`{"data":`))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		_, _ = w.Write([]byte(`{"data":{"ok":true}}`))
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL),
		option.WithRetryBackoff(0, 0), option.WithRequestTimeout(150*time.Millisecond))
	require.NoError(t, err)
	got, err := core.Data[map[string]bool](context.Background(), c, core.Request{Method: "GET", Path: "/x"}, nil)
	require.NoError(t, err)
	assert.True(t, (*got)["ok"])
	assert.EqualValues(t, 2, n.Load())
}
