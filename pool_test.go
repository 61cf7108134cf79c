package telnyx_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// TestDefaultClientReusesConnectionsFor64Callers runs 64 concurrent callers
// for several rounds: once warm, the default pool must keep their
// connections instead of opening new ones.
func TestDefaultClientReusesConnectionsFor64Callers(t *testing.T) { //nolint:paralleltest // counts new connections, which a scheduler busy with other tests inflates
	const callers, rounds = 64, 4
	var conns, arrived atomic.Int32
	// During the warm-up the server holds every answer until all callers
	// are in flight, so that the pool opens one connection per caller.
	warm := make(chan struct{})
	var warming atomic.Bool
	warming.Store(true)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if warming.Load() {
			if arrived.Add(1) == callers {
				close(warm)
			}
			select {
			case <-warm:
			case <-time.After(5 * time.Second):
			}
		}
		time.Sleep(2 * time.Millisecond)
		_, _ = w.Write([]byte(`{"data":{}}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := telnyx.NewClient(option.WithAPIKey("k"), option.WithBaseURL(srv.URL))
	require.NoError(t, err)

	run := func(rounds int) int32 {
		var wg sync.WaitGroup
		var failures atomic.Int32
		for range callers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range rounds {
					if get(c, "/x") != nil {
						failures.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		return failures.Load()
	}
	require.Zero(t, run(1), "warm-up")
	warming.Store(false)
	opened := conns.Load()
	require.EqualValues(t, callers, opened, "connections opened by the warm-up")
	require.Zero(t, run(rounds))
	// Once warm, the pool keeps the callers' connections; a few may be
	// replaced when the scheduler is busy, a pool of 2 would replace ~250.
	assert.LessOrEqual(t, int(conns.Load()-opened), callers/4, "new connections for %d warm calls", callers*rounds)
}
