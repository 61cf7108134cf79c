package externalconnections_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

func TestLogMessagesListReadsTheLogMessagesKey(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusOK, `{"log_messages":[{"code":20001,"title":"Numeric code"},{"code":null,"title":"No code"}],`+
		`"data":[{"code":"wrong key"}],"meta":{"page_number":1,"page_size":2,"total_pages":3,"total_results":6}}`)
	p, err := s.LogMessages.List(t.Context(), ec.LogMessageListParams{})
	require.NoError(t, err)
	assert.Equal(t, []ec.LogMessage{{Code: "20001", Title: "Numeric code"}, {Title: "No code"}}, p.Data)
	assert.Equal(t, 3, p.Meta.TotalPages)
	assert.True(t, p.HasNext())
}

func TestLogMessageGetWithEmptyAnswerIsADecodeError(t *testing.T) {
	t.Parallel()
	for _, answer := range []string{`{"log_messages":[]}`, `{}`, `{"data":{"code":"1"}}`} {
		s, rec := setup(t)
		rec.Answer(http.StatusOK, answer)
		got, err := s.LogMessages.Get(t.Context(), "5")
		var derr *telnyx.DecodeError
		require.ErrorAs(t, err, &derr, answer)
		assert.Equal(t, "req-1", derr.RequestID)
		assert.Equal(t, "/v2/external_connections/log_messages/5", derr.Path, "the error names the path sent")
		assert.ErrorContains(t, err, "holds no log message")
		assert.Nil(t, got)
	}
}

func TestLogMessageValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	ctx := t.Context()
	contains := func(v string) func() error {
		return func() error {
			_, err := s.LogMessages.List(ctx, ec.LogMessageListParams{Filter: &ec.LogMessageListFilter{
				TelephoneNumber: &ec.PhoneNumberMatch{Contains: v}}})
			return err
		}
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"filter[telephone_number][contains]", contains("12")},
		{"filter[telephone_number][contains]", contains("+12")},
		{"filter[telephone_number][contains]", contains("1234567890123456")},
		{"filter[telephone_number][contains]", contains("12a4")},
		{"filter[telephone_number][contains]", contains("++123")},
		{"page[size]", func() error {
			_, err := s.LogMessages.List(ctx, ec.LogMessageListParams{Page: telnyx.PageParams{Size: 251}})
			return err
		}},
		{"id", func() error { _, err := s.LogMessages.Get(ctx, ""); return err }},
		{"id", func() error { _, err := s.LogMessages.Get(ctx, "abc"); return err }},
		{"id", func() error { _, err := s.LogMessages.Dismiss(ctx, ".."); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
