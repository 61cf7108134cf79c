package telnyxtest

import (
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Client returns an SDK client pointed at the fake with its API key; build
// the resource services on it, as in siprec.New(srv.Client()).
//
// Its retries back off from 1ms up to at most 5ms instead of the production
// 500ms doubling up to 8s, so a test of an outage, such as
// FailNext(2, http.StatusServiceUnavailable), does not sleep. A Retry-After
// the fake sends (WithRetryAfter) is still obeyed. Extra options are applied
// after these, for example option.WithMaxRetries(0), and override them.
//
// Client panics if the server was not started with NewServer or if the
// client cannot be configured, which only happens through a bad option.
func (s *Server) Client(opts ...option.RequestOption) *telnyx.Client {
	if s.URL() == "" {
		panic("telnyxtest: Client needs a server started with NewServer")
	}
	all := append([]option.RequestOption{
		option.WithBaseURL(s.URL()),
		option.WithAPIKey(s.APIKey()),
		option.WithRetryBackoff(time.Millisecond, 5*time.Millisecond),
	}, opts...)
	c, err := telnyx.NewClient(all...)
	if err != nil {
		panic("telnyxtest: cannot build client: " + err.Error())
	}
	return c
}
