package telnyxredis

// Option configures a ReplayStore or a Limiter.
type Option func(*settings)

type settings struct {
	prefix   string
	failOpen bool
	onError  func(error)
}

func apply(prefix string, opts []Option) settings {
	s := settings{prefix: prefix}
	for _, o := range opts {
		o(&s)
	}
	return s
}

// WithPrefix sets the prefix of every key written, so that several
// services or environments can share one Redis. The defaults are
// "telnyx:webhook:" for a ReplayStore and "telnyx:rate:" for a Limiter.
func WithPrefix(prefix string) Option {
	return func(s *settings) { s.prefix = prefix }
}

// WithFailOpen makes an unreachable Redis let work through instead of
// stopping it: a delivery is handed on unchecked, a request is sent
// unpaced. The default is to fail closed.
func WithFailOpen() Option {
	return func(s *settings) { s.failOpen = true }
}

// WithErrorHandler calls fn with every error Redis gives, failing open or
// closed, for logs or metrics. fn must be safe for concurrent use.
func WithErrorHandler(fn func(error)) Option {
	return func(s *settings) { s.onError = fn }
}

// failed reports err and returns what the caller should return: nil when
// failing open.
func (s *settings) failed(err error) error {
	if s.onError != nil {
		s.onError(err)
	}
	if s.failOpen {
		return nil
	}
	return err
}
