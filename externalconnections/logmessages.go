package externalconnections

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// LogMessageService reaches /external_connections/log_messages: the
// messages the integrations report about connections and numbers.
type LogMessageService struct {
	c *core.Client
}

// NewLogMessageService returns a LogMessageService that sends its requests
// through c.
func NewLogMessageService(c *core.Client) *LogMessageService { return &LogMessageService{c: c} }

// LogMessage is one message reported by an integration.
type LogMessage struct {
	// Code is numeric text.
	Code   core.ErrorCode   `json:"code"`
	Title  string           `json:"title"`
	Detail string           `json:"detail"`
	Source LogMessageSource `json:"source"`
	Meta   LogMessageMeta   `json:"meta"`
}

// LogMessageSource points at the entity a message is about.
type LogMessageSource struct {
	// Pointer is a JSON pointer (RFC 6901).
	Pointer string `json:"pointer"`
}

// LogMessageMeta links a message to what it concerns; empty fields do not
// apply.
type LogMessageMeta struct {
	TelephoneNumber      string `json:"telephone_number"`
	ExternalConnectionID string `json:"external_connection_id"`
	TicketID             string `json:"ticket_id"`
}

// LogMessageListParams filter and page the list of log messages.
type LogMessageListParams struct {
	Filter *LogMessageFilter `url:"filter,omitempty"`
	Page   core.PageParams   `url:"page,omitempty"`
}

// LogMessageFilter narrows the list of log messages; empty fields do not
// filter.
type LogMessageFilter struct {
	// ExternalConnectionID matches one connection; the text "null" matches
	// messages tied to none.
	ExternalConnectionID string `url:"external_connection_id,omitempty"`
	// TelephoneNumber matches an E.164 number exactly ("null" for messages
	// tied to none), or 3 to 15 of its digits with Contains.
	TelephoneNumber *PhoneNumberFilter `url:"telephone_number,omitempty"`
}

// Validate checks the filter values and the page bounds.
func (p LogMessageListParams) Validate() error {
	if f := p.Filter; f != nil && f.TelephoneNumber != nil {
		if v := f.TelephoneNumber.Contains; v != "" && !partialNumber(v) {
			return core.Invalid("filter[telephone_number][contains]", "must be 3 to 15 digits, got %q", v)
		}
	}
	return p.Page.Validate()
}

// List returns one page of log messages.
func (s *LogMessageService) List(ctx context.Context, params LogMessageListParams, opts ...option.RequestOption) (*core.Page[LogMessage], error) {
	return core.List[LogMessage](ctx, s.c, "/external_connections/log_messages", params, opts)
}

// ListAutoPaging iterates over every log message matching params, fetching
// pages as the loop needs them.
func (s *LogMessageService) ListAutoPaging(ctx context.Context, params LogMessageListParams, opts ...option.RequestOption) iter.Seq2[LogMessage, error] {
	return core.AutoPage(ctx, func(ctx context.Context) (*core.Page[LogMessage], error) {
		return s.List(ctx, params, opts...)
	})
}

// Get returns the log message with the given id.
func (s *LogMessageService) Get(ctx context.Context, id string, opts ...option.RequestOption) (*LogMessage, error) {
	path, err := core.Path("/external_connections/log_messages/{id}", id)
	if err != nil {
		return nil, err
	}
	var env struct {
		LogMessages []LogMessage `json:"log_messages"`
	}
	if err := s.c.Do(ctx, core.Request{Method: http.MethodGet, Path: path}, &env, opts); err != nil {
		return nil, err
	}
	if len(env.LogMessages) == 0 {
		return nil, fmt.Errorf("telnyx: the answer to %s %s holds no log message", http.MethodGet, path)
	}
	return &env.LogMessages[0], nil
}

// Dismiss removes the log message with the given id from the list.
func (s *LogMessageService) Dismiss(ctx context.Context, id string, opts ...option.RequestOption) (*Result, error) {
	path, err := core.Path("/external_connections/log_messages/{id}", id)
	if err != nil {
		return nil, err
	}
	var out Result
	if err := s.c.Do(ctx, core.Request{Method: http.MethodDelete, Path: path}, &out, opts); err != nil {
		return nil, err
	}
	return &out, nil
}
