package telnyxtest

import (
	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Client returns an SDK client pointed at the fake with its API key. Extra
// options are applied after those two, for example option.WithMaxRetries(0).
// It panics if the server was not started with NewServer or if the client
// cannot be configured, which only happens through a bad option.
func (s *Server) Client(opts ...option.RequestOption) *telnyx.Client {
	if s.URL() == "" {
		panic("telnyxtest: Client needs a server started with NewServer")
	}
	all := append([]option.RequestOption{option.WithBaseURL(s.URL()), option.WithAPIKey(s.APIKey())}, opts...)
	c, err := telnyx.NewClient(all...)
	if err != nil {
		panic("telnyxtest: cannot build client: " + err.Error())
	}
	return c
}
