package externalconnections_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

func TestReleaseCreatedAtDecodesOddValues(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusOK, page("data", `{"created_at":"2022-01-01 08:00:00+00:00"},{"created_at":""},{"created_at":null},`+
		`{"created_at":"01/02/2022"},{"created_at":false},{}`))
	p, err := s.Releases.List(t.Context(), connID, ec.ReleaseListParams{})
	require.NoError(t, err)
	require.Len(t, p.Data, 6)
	assert.True(t, p.Data[0].CreatedAt.Equal(telnyx.NewTimestamp(time.Date(2022, 1, 1, 8, 0, 0, 0, time.UTC))))
	for _, r := range p.Data[1:] {
		assert.True(t, r.CreatedAt.IsZero(), "%v", r.CreatedAt)
	}
	assert.True(t, wantRelease.CreatedAt.Equal(telnyx.NewTimestamp(time.Date(2022, 1, 1, 10, 30, 0, 5e8, time.UTC))))
}

func TestReleaseValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	ctx := t.Context()
	list := func(f *ec.ReleaseListFilter, page telnyx.PageParams) func() error {
		return func() error {
			_, err := s.Releases.List(ctx, connID, ec.ReleaseListParams{Filter: f, Page: page})
			return err
		}
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"filter[status][eq]", list(&ec.ReleaseListFilter{Status: &ec.ReleaseStatusFilter{
			Eq: []ec.ReleaseStatus{ec.ReleaseStatusPending, "done"}}}, telnyx.PageParams{})},
		{"filter[status][eq]", list(&ec.ReleaseListFilter{Status: &ec.ReleaseStatusFilter{Eq: []ec.ReleaseStatus{""}}}, telnyx.PageParams{})},
		{"filter[phone_number][contains]", list(&ec.ReleaseListFilter{PhoneNumber: &ec.PhoneNumberMatch{Contains: "+1"}}, telnyx.PageParams{})},
		{"page[size]", list(nil, telnyx.PageParams{Size: 251})},
		{"id", func() error { _, err := s.Releases.List(ctx, ".", ec.ReleaseListParams{}); return err }},
		{"id", func() error { _, err := s.Releases.Get(ctx, "", ticketID); return err }},
		{"release_id", func() error { _, err := s.Releases.Get(ctx, connID, ".."); return err }},
		{"release_id", func() error { _, err := s.Releases.Get(ctx, connID, "1"); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
