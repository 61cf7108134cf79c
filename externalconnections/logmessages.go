package externalconnections

import (
	"context"
	"errors"
	"iter"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// LogMessageService reaches /external_connections/log_messages: the
// messages the integrations report about connections and numbers.
type LogMessageService struct {
	client *telnyx.Client
}

// LogMessage is one message reported by an integration.
type LogMessage struct {
	// Code is numeric text.
	Code   telnyx.ErrorCode `json:"code"`
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
	Filter *LogMessageListFilter `url:"filter,omitempty"`
	Page   telnyx.PageParams     `url:"page,omitempty"`
}

// LogMessageListFilter narrows the list of log messages; empty fields do
// not filter.
type LogMessageListFilter struct {
	// ExternalConnectionID matches one connection; the text "null" matches
	// messages tied to none.
	ExternalConnectionID string `url:"external_connection_id,omitempty"`
	// TelephoneNumber matches an E.164 number exactly ("null" for messages
	// tied to none), or 3 to 15 of its digits with Contains.
	TelephoneNumber *PhoneNumberMatch `url:"telephone_number,omitempty"`
}

// Validate checks the filter values and the page bounds.
func (p LogMessageListParams) Validate() error {
	if f := p.Filter; f != nil && f.TelephoneNumber != nil {
		if err := checkPartialNumber("filter[telephone_number][contains]", f.TelephoneNumber.Contains); err != nil {
			return err
		}
	}
	return p.Page.Validate()
}

const logMessagePath = "/external_connections/log_messages/{id}"

func logMessageListRequest(params LogMessageListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: "/external_connections/log_messages", Query: params, Items: "log_messages"}
}

// List returns one page of log messages.
//
// API: GET /external_connections/log_messages
func (s *LogMessageService) List(ctx context.Context, params LogMessageListParams, opts ...option.RequestOption) (*telnyx.Page[LogMessage], error) {
	return telnyx.ListPage[LogMessage](ctx, s.client, logMessageListRequest(params), opts...)
}

// ListAutoPaging iterates over every log message matching params, fetching
// pages as the loop needs them.
//
// API: GET /external_connections/log_messages
func (s *LogMessageService) ListAutoPaging(ctx context.Context, params LogMessageListParams, opts ...option.RequestOption) iter.Seq2[LogMessage, error] {
	return telnyx.ListAll[LogMessage](ctx, s.client, logMessageListRequest(params), opts...)
}

// Get returns the log message with the given numeric id.
//
// API: GET /external_connections/log_messages/{id}
func (s *LogMessageService) Get(ctx context.Context, id string, opts ...option.RequestOption) (*LogMessage, error) {
	// The API answers with a list of exactly one message.
	var env struct {
		LogMessages []LogMessage `json:"log_messages"`
	}
	resp, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodGet, Path: logMessagePath, PathParams: []string{id}}, &env, opts...)
	if err != nil {
		return nil, err
	}
	if len(env.LogMessages) == 0 {
		return nil, &telnyx.DecodeError{Method: http.MethodGet, Path: resp.Path, RequestID: resp.RequestID,
			Err: errors.New("the answer holds no log message")}
	}
	return &env.LogMessages[0], nil
}

// Dismiss removes the log message with the given numeric id from the list.
//
// API: DELETE /external_connections/log_messages/{id}
func (s *LogMessageService) Dismiss(ctx context.Context, id string, opts ...option.RequestOption) (*Result, error) {
	var out Result
	if _, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodDelete, Path: logMessagePath, PathParams: []string{id}}, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}
