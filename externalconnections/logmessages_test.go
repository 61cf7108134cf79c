package externalconnections_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

const logMessageObject = `{"code":"10015","title":"Invalid location","detail":"The location is unknown",` +
	`"source":{"pointer":"/location_id"},"meta":{"telephone_number":"+13128675309",` +
	`"external_connection_id":"1293384261075731499","ticket_id":"542c3bca-d247-42bc-8fe7-e01d16ecd761"}}`

var wantLogMessage = externalconnections.LogMessage{
	Code: "10015", Title: "Invalid location", Detail: "The location is unknown",
	Source: externalconnections.LogMessageSource{Pointer: "/location_id"},
	Meta: externalconnections.LogMessageMeta{TelephoneNumber: "+13128675309",
		ExternalConnectionID: "1293384261075731499", TicketID: "542c3bca-d247-42bc-8fe7-e01d16ecd761"},
}

func TestLogMessagesListReadsLogMessagesKeyAndSendsFilters(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections/log_messages", http.StatusOK,
		`{"log_messages":[`+logMessageObject+`,{"code":20001,"title":"Numeric code"}],"meta":{"page_number":1,"page_size":2,"total_pages":1,"total_results":2}}`)
	page, err := externalconnections.NewService(c).LogMessages.List(context.Background(), externalconnections.LogMessageListParams{
		Filter: &externalconnections.LogMessageFilter{
			ExternalConnectionID: "null",
			TelephoneNumber:      &externalconnections.PhoneNumberFilter{Eq: "+13128675309", Contains: "+1312"},
		},
		Page: core.PageParams{Number: 1, Size: 2},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{
		"filter[external_connection_id]":     {"null"},
		"filter[telephone_number][eq]":       {"+13128675309"},
		"filter[telephone_number][contains]": {"+1312"},
		"page[number]":                       {"1"},
		"page[size]":                         {"2"},
	}, (*seen)[0].Query)
	require.Len(t, page.Data, 2)
	assert.Equal(t, wantLogMessage, page.Data[0])
	assert.Equal(t, core.ErrorCode("20001"), page.Data[1].Code)
	assert.False(t, page.HasNext())
}

func TestLogMessagesListAutoPaging(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := respondPages(mock, "/external_connections/log_messages", "log_messages", [][]string{
		{`{"code":"1","title":"a"}`}, {`{"code":"2","title":"b"}`}, {`{"code":"3","title":"c"}`},
	})
	svc := externalconnections.NewLogMessageService(c)
	var codes []core.ErrorCode
	for m, err := range svc.ListAutoPaging(context.Background(), externalconnections.LogMessageListParams{Page: core.PageParams{Size: 1}}) {
		require.NoError(t, err)
		codes = append(codes, m.Code)
	}
	assert.Equal(t, []core.ErrorCode{"1", "2", "3"}, codes)
	assert.Len(t, *seen, 3)

	*seen = nil
	for range svc.ListAutoPaging(context.Background(), externalconnections.LogMessageListParams{Page: core.PageParams{Size: 1}}) {
		break
	}
	assert.Len(t, *seen, 1)
}

func TestLogMessageGetReturnsTheSingleItem(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections/log_messages/"+escapedTricky, http.StatusOK,
		`{"log_messages":[`+logMessageObject+`]}`)
	got, err := externalconnections.NewLogMessageService(c).Get(context.Background(), tricky)
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2/external_connections/log_messages/"+escapedTricky, (*seen)[0].Path)
	assert.Equal(t, &wantLogMessage, got)
}

func TestLogMessageGetWithEmptyAnswerIsAnError(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/external_connections/log_messages/5", http.StatusOK, `{"log_messages":[]}`)
	got, err := externalconnections.NewLogMessageService(c).Get(context.Background(), "5")
	require.ErrorContains(t, err, "holds no log message")
	assert.Nil(t, got)
}

func TestLogMessageDismiss(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodDelete, "/external_connections/log_messages/"+escapedTricky, http.StatusOK, `{"success":true}`)
	res, err := externalconnections.NewLogMessageService(c).Dismiss(context.Background(), tricky)
	require.NoError(t, err)
	assert.Equal(t, &externalconnections.Result{Success: true}, res)
	require.Len(t, *seen, 1)
	assert.Equal(t, http.MethodDelete, (*seen)[0].Method)
	assert.Equal(t, "/v2/external_connections/log_messages/"+escapedTricky, (*seen)[0].Path)
}

func TestLogMessageDismissNotFound(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodDelete, "/external_connections/log_messages/5", http.StatusNotFound,
		`{"errors":[{"code":"10005","title":"Resource not found"}]}`)
	_, err := externalconnections.NewLogMessageService(c).Dismiss(context.Background(), "5")
	require.ErrorIs(t, err, core.ErrNotFound)
}

func TestLogMessageValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewLogMessageService(c)
	ctx := context.Background()
	list := func(p externalconnections.LogMessageListParams) func() error {
		return func() error { _, err := svc.List(ctx, p); return err }
	}
	contains := func(v string) externalconnections.LogMessageListParams {
		return externalconnections.LogMessageListParams{Filter: &externalconnections.LogMessageFilter{
			TelephoneNumber: &externalconnections.PhoneNumberFilter{Contains: v}}}
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"filter[telephone_number][contains]", list(contains("12"))},
		{"filter[telephone_number][contains]", list(contains("+12"))},
		{"filter[telephone_number][contains]", list(contains("1234567890123456"))},
		{"filter[telephone_number][contains]", list(contains("12a4"))},
		{"page[size]", list(externalconnections.LogMessageListParams{Page: core.PageParams{Size: 251}})},
		{"id", func() error { _, err := svc.Get(ctx, ""); return err }},
		{"id", func() error { _, err := svc.Get(ctx, ".."); return err }},
		{"id", func() error { _, err := svc.Dismiss(ctx, ""); return err }},
		{"id", func() error { _, err := svc.Dismiss(ctx, "."); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}
