package telnyx_test

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

// countingLimiter lets every attempt through and counts them, or fails
// them with err.
type countingLimiter struct {
	waits atomic.Int32
	err   error
}

func (l *countingLimiter) Wait(ctx context.Context) error {
	l.waits.Add(1)
	if l.err != nil {
		return l.err
	}
	return ctx.Err()
}

func TestLimiterPacesEveryAttempt(t *testing.T) {
	t.Parallel()
	lim := &countingLimiter{}
	c, rec := testutil.NewClient(t, option.WithLimiter(lim), option.WithMaxRetries(2))
	rec.Answer(http.StatusServiceUnavailable, `{"errors":[{"code":"10001"}]}`)
	err := c.Get(t.Context(), "/media", nil, nil)
	var apiErr *telnyx.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 3, apiErr.Attempts)
	assert.Equal(t, int32(3), lim.waits.Load(), "one wait per attempt, retries included")
	assert.Len(t, rec.Requests(), 3)

	// Every page of a walk waits too, on the client or on one call.
	plain, rec2 := testutil.NewClient(t)
	rec2.Answer(http.StatusOK, `{"data":[{"id":"r"}],"meta":{"page_number":1,"total_pages":3}}`)
	perCall := &countingLimiter{}
	_, err = telnyx.Collect(recordings.New(plain).ListAutoPaging(t.Context(), recordings.ListParams{}, option.WithLimiter(perCall)), 0)
	require.NoError(t, err)
	assert.Equal(t, int32(len(rec2.Requests())), perCall.waits.Load())
}

func TestLimiterFailureEndsTheCallUnsent(t *testing.T) {
	t.Parallel()
	down := errors.New("limiter store unreachable")
	c, rec := testutil.NewClient(t, option.WithLimiter(&countingLimiter{err: down}))
	err := c.Get(t.Context(), "/media", nil, nil)
	var ce *telnyx.ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.ErrorIs(t, err, down)
	assert.Equal(t, 0, ce.Attempts, "nothing was sent")
	assert.Empty(t, rec.Requests())
}

// blockingLimiter never lets a request through before the context ends.
type blockingLimiter struct{}

func (*blockingLimiter) Wait(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

func TestLimiterWaitEndsWithTheContext(t *testing.T) {
	t.Parallel()
	c, rec := testutil.NewClient(t, option.WithLimiter(&blockingLimiter{}))
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	err := c.Get(ctx, "/media", nil, nil)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Empty(t, rec.Requests())
}
