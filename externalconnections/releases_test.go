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

const releaseObject = `{"ticket_id":"542c3bca-d247-42bc-8fe7-e01d16ecd761","tenant_id":"ea175aba-f47c-4702-9400-efaa42688048",` +
	`"status":"failed","error_message":"Tenant gone","telephone_numbers":[{"phone_number":"+13128675309",` +
	`"number_id":"1269460000000000000"}],"created_at":"2022-01-01T00:00:00Z"}`

var wantRelease = externalconnections.Release{
	TicketID: "542c3bca-d247-42bc-8fe7-e01d16ecd761", TenantID: "ea175aba-f47c-4702-9400-efaa42688048",
	Status: externalconnections.ReleaseStatusFailed, ErrorMessage: "Tenant gone",
	TelephoneNumbers: []externalconnections.ReleasedNumber{{PhoneNumber: "+13128675309", NumberID: "1269460000000000000"}},
	CreatedAt:        "2022-01-01T00:00:00Z",
}

func TestReleasesListSendsFilters(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections/"+escapedTricky+"/releases", http.StatusOK,
		`{"data":[`+releaseObject+`],"meta":{"page_number":3,"page_size":10,"total_pages":3,"total_results":21}}`)
	page, err := externalconnections.NewService(c).Releases.List(context.Background(), tricky, externalconnections.ReleaseListParams{
		Filter: &externalconnections.ReleaseFilter{
			Status: &externalconnections.ReleaseStatusFilter{Eq: []externalconnections.ReleaseStatus{
				externalconnections.ReleaseStatusPending, externalconnections.ReleaseStatusInProgress}},
			CivicAddressID: &externalconnections.EqFilter{Eq: "addr"},
			LocationID:     &externalconnections.EqFilter{Eq: "loc"},
			PhoneNumber:    &externalconnections.PhoneNumberFilter{Eq: "+13128675309", Contains: "+1312"},
		},
		Page: core.PageParams{Number: 3, Size: 10},
	})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2/external_connections/"+escapedTricky+"/releases", (*seen)[0].Path)
	assert.Equal(t, map[string][]string{
		"filter[status][eq][]":           {"pending", "in_progress"},
		"filter[civic_address_id][eq]":   {"addr"},
		"filter[location_id][eq]":        {"loc"},
		"filter[phone_number][eq]":       {"+13128675309"},
		"filter[phone_number][contains]": {"+1312"},
		"page[number]":                   {"3"},
		"page[size]":                     {"10"},
	}, (*seen)[0].Query)
	assert.Equal(t, []externalconnections.Release{wantRelease}, page.Data)
	assert.False(t, page.HasNext())
}

func TestReleasesListAutoPaging(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := respondPages(mock, "/external_connections/1/releases", "data", [][]string{
		{`{"ticket_id":"a"}`}, {`{"ticket_id":"b"}`},
	})
	svc := externalconnections.NewReleaseService(c)
	params := externalconnections.ReleaseListParams{Filter: &externalconnections.ReleaseFilter{
		Status: &externalconnections.ReleaseStatusFilter{Eq: []externalconnections.ReleaseStatus{externalconnections.ReleaseStatusComplete}}}}
	var ids []string
	for r, err := range svc.ListAutoPaging(context.Background(), "1", params) {
		require.NoError(t, err)
		ids = append(ids, r.TicketID)
	}
	assert.Equal(t, []string{"a", "b"}, ids)
	require.Len(t, *seen, 2)
	assert.Equal(t, map[string][]string{"filter[status][eq][]": {"complete"}, "page[number]": {"2"}}, (*seen)[1])

	*seen = nil
	for range svc.ListAutoPaging(context.Background(), "1", params) {
		break
	}
	assert.Len(t, *seen, 1)
}

func TestReleaseGetEscapesBothIDs(t *testing.T) {
	c, mock := testutil.NewClient(t)
	escaped := "/external_connections/" + escapedTricky + "/releases/" + escapedTricky
	seen := testutil.Respond(mock, http.MethodGet, escaped, http.StatusOK, `{"data":`+releaseObject+`}`)
	got, err := externalconnections.NewReleaseService(c).Get(context.Background(), tricky, tricky)
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2"+escaped, (*seen)[0].Path)
	assert.Equal(t, &wantRelease, got)
}

func TestReleaseValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewReleaseService(c)
	ctx := context.Background()
	list := func(f *externalconnections.ReleaseFilter, page core.PageParams) func() error {
		return func() error {
			_, err := svc.List(ctx, "1", externalconnections.ReleaseListParams{Filter: f, Page: page})
			return err
		}
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"filter[status][eq]", list(&externalconnections.ReleaseFilter{Status: &externalconnections.ReleaseStatusFilter{
			Eq: []externalconnections.ReleaseStatus{externalconnections.ReleaseStatusPending, "done"}}}, core.PageParams{})},
		{"filter[status][eq]", list(&externalconnections.ReleaseFilter{Status: &externalconnections.ReleaseStatusFilter{
			Eq: []externalconnections.ReleaseStatus{""}}}, core.PageParams{})},
		{"filter[phone_number][contains]", list(&externalconnections.ReleaseFilter{
			PhoneNumber: &externalconnections.PhoneNumberFilter{Contains: "+1"}}, core.PageParams{})},
		{"page[size]", list(nil, core.PageParams{Size: 251})},
		{"id", func() error { _, err := svc.List(ctx, ".", externalconnections.ReleaseListParams{}); return err }},
		{"id", func() error { _, err := svc.Get(ctx, "", "r"); return err }},
		{"release_id", func() error { _, err := svc.Get(ctx, "1", ".."); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}
