package externalconnections_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

const uploadObject = `{"ticket_id":"542c3bca-d247-42bc-8fe7-e01d16ecd761","tenant_id":"ea175aba-f47c-4702-9400-efaa42688048",` +
	`"location_id":"18ded4bb-b694-44c1-a89b-a35b7acd4c9e","status":"partial_success",` +
	`"available_usages":["calling_user_assignment","first_party_app_assignment"],"error_code":"E1","error_message":"Some failed",` +
	`"tn_upload_entries":[{"number_id":"3a1b7a9e-6c1d-4a3b-9a1e-0c2d3e4f5a6b","phone_number":"+13128675309","status":"error",` +
	`"error_code":"unknown_country_code","error_message":"Unknown country","civic_address_id":"07a4dc5d-9b3b-4ba2-88a4-6ba172316c65",` +
	`"location_id":"18ded4bb-b694-44c1-a89b-a35b7acd4c9e","internal_status":"release_requested"}]}`

var wantUpload = externalconnections.Upload{
	TicketID: "542c3bca-d247-42bc-8fe7-e01d16ecd761", TenantID: "ea175aba-f47c-4702-9400-efaa42688048",
	LocationID: "18ded4bb-b694-44c1-a89b-a35b7acd4c9e", Status: externalconnections.UploadStatusPartialSuccess,
	AvailableUsages: []externalconnections.Usage{externalconnections.UsageCallingUserAssignment, externalconnections.UsageFirstPartyAppAssignment},
	ErrorCode:       "E1", ErrorMessage: "Some failed",
	Entries: []externalconnections.UploadEntry{{
		NumberID: "3a1b7a9e-6c1d-4a3b-9a1e-0c2d3e4f5a6b", PhoneNumber: "+13128675309", Status: externalconnections.UploadStatusError,
		ErrorCode: externalconnections.EntryErrorUnknownCountryCode, ErrorMessage: "Unknown country",
		CivicAddressID: "07a4dc5d-9b3b-4ba2-88a4-6ba172316c65", LocationID: "18ded4bb-b694-44c1-a89b-a35b7acd4c9e",
		InternalStatus: externalconnections.InternalStatusReleaseRequested,
	}},
}

func TestUploadsListSendsFilters(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections/"+escapedTricky+"/uploads", http.StatusOK,
		`{"data":[`+uploadObject+`],"meta":{"page_number":1,"page_size":1,"total_pages":4,"total_results":4}}`)
	page, err := externalconnections.NewService(c).Uploads.List(context.Background(), tricky, externalconnections.UploadListParams{
		Filter: &externalconnections.UploadFilter{
			Status: &externalconnections.UploadStatusFilter{Eq: []externalconnections.UploadStatus{
				externalconnections.UploadStatusPendingUpload, externalconnections.UploadStatusPending}},
			CivicAddressID: &externalconnections.EqFilter{Eq: "addr"},
			LocationID:     &externalconnections.EqFilter{Eq: "loc"},
			PhoneNumber:    &externalconnections.PhoneNumberFilter{Eq: "+19705555098", Contains: "+1970"},
		},
		Page: core.PageParams{Size: 1},
	})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2/external_connections/"+escapedTricky+"/uploads", (*seen)[0].Path)
	assert.Equal(t, map[string][]string{
		"filter[status][eq][]":           {"pending_upload", "pending"},
		"filter[civic_address_id][eq]":   {"addr"},
		"filter[location_id][eq]":        {"loc"},
		"filter[phone_number][eq]":       {"+19705555098"},
		"filter[phone_number][contains]": {"+1970"},
		"page[size]":                     {"1"},
	}, (*seen)[0].Query)
	assert.Equal(t, []externalconnections.Upload{wantUpload}, page.Data)
	assert.True(t, page.HasNext())
}

func TestUploadsListAutoPaging(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := respondPages(mock, "/external_connections/1/uploads", "data", [][]string{
		{`{"ticket_id":"a"}`, `{"ticket_id":"b"}`}, {`{"ticket_id":"c"}`, `{"ticket_id":"d"}`}, {`{"ticket_id":"e"}`},
	})
	svc := externalconnections.NewUploadService(c)
	params := externalconnections.UploadListParams{Page: core.PageParams{Size: 2}}
	var ids []string
	for u, err := range svc.ListAutoPaging(context.Background(), "1", params) {
		require.NoError(t, err)
		ids = append(ids, u.TicketID)
	}
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, ids)
	assert.Len(t, *seen, 3)

	*seen = nil
	ids = nil
	for u := range svc.ListAutoPaging(context.Background(), "1", params) {
		ids = append(ids, u.TicketID)
		if len(ids) == 2 {
			break
		}
	}
	assert.Len(t, *seen, 1)
}

func TestUploadCreateSendsEveryField(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/external_connections/"+escapedTricky+"/uploads", http.StatusAccepted,
		`{"success":true,"ticket_id":"542c3bca-d247-42bc-8fe7-e01d16ecd761"}`)
	svc := externalconnections.NewUploadService(c)
	ctx := context.Background()

	ticket, err := svc.Create(ctx, tricky, externalconnections.UploadCreateParams{
		NumberIDs:        []string{"n1", "n2"},
		Usage:            externalconnections.UsageFirstPartyAppAssignment,
		AdditionalUsages: []externalconnections.Usage{externalconnections.UsageCallingUserAssignment},
		LocationID:       ptr("18ded4bb-b694-44c1-a89b-a35b7acd4c9e"),
	})
	require.NoError(t, err)
	assert.Equal(t, &externalconnections.UploadTicket{Success: true, TicketID: "542c3bca-d247-42bc-8fe7-e01d16ecd761"}, ticket)
	_, err = svc.Create(ctx, tricky, externalconnections.UploadCreateParams{NumberIDs: []string{"n1"}, CivicAddressID: ptr("addr")})
	require.NoError(t, err)

	require.Len(t, *seen, 2)
	assert.Equal(t, "/v2/external_connections/"+escapedTricky+"/uploads", (*seen)[0].Path)
	assert.JSONEq(t, `{"number_ids":["n1","n2"],"usage":"first_party_app_assignment",
		"additional_usages":["calling_user_assignment"],"location_id":"18ded4bb-b694-44c1-a89b-a35b7acd4c9e"}`, string((*seen)[0].Body))
	assert.JSONEq(t, `{"number_ids":["n1"],"civic_address_id":"addr"}`, string((*seen)[1].Body))
}

func TestUploadCreateAcceptsTheMaximum(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/external_connections/1/uploads", http.StatusAccepted, `{"success":true}`)
	ids := make([]string, externalconnections.MaxUploadNumbers)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}
	_, err := externalconnections.NewUploadService(c).Create(context.Background(), "1", externalconnections.UploadCreateParams{NumberIDs: ids})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Len(t, (*seen)[0].JSON(t)["number_ids"], 1000)
}

func TestUploadGetRetryRefreshAndPendingCountEscapeIDs(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewUploadService(c)
	ctx := context.Background()
	base := "/external_connections/" + escapedTricky + "/uploads"
	get := testutil.Respond(mock, http.MethodGet, base+"/"+escapedTricky, http.StatusOK, `{"data":`+uploadObject+`}`)
	retry := testutil.Respond(mock, http.MethodPost, base+"/"+escapedTricky+"/retry", http.StatusAccepted, `{"data":`+uploadObject+`}`)
	refresh := testutil.Respond(mock, http.MethodPost, base+"/refresh", http.StatusOK, `{"success":true}`)
	status := testutil.Respond(mock, http.MethodGet, base+"/status", http.StatusOK,
		`{"data":{"pending_numbers_count":12,"pending_orders_count":3}}`)

	got, err := svc.Get(ctx, tricky, tricky)
	require.NoError(t, err)
	assert.Equal(t, &wantUpload, got)
	retried, err := svc.Retry(ctx, tricky, tricky)
	require.NoError(t, err)
	assert.Equal(t, &wantUpload, retried)
	res, err := svc.RefreshAll(ctx, tricky)
	require.NoError(t, err)
	assert.Equal(t, &externalconnections.Result{Success: true}, res)
	counts, err := svc.PendingCount(ctx, tricky)
	require.NoError(t, err)
	assert.Equal(t, &externalconnections.PendingCounts{PendingNumbersCount: 12, PendingOrdersCount: 3}, counts)

	for path, seen := range map[string]*[]testutil.Captured{
		base + "/" + escapedTricky: get, base + "/" + escapedTricky + "/retry": retry, base + "/refresh": refresh, base + "/status": status,
	} {
		require.Len(t, *seen, 1, path)
		assert.Equal(t, "/v2"+path, (*seen)[0].Path)
		assert.Empty(t, (*seen)[0].Body, path)
	}
}

func TestUploadValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewUploadService(c)
	ctx := context.Background()
	create := func(p externalconnections.UploadCreateParams) func() error {
		return func() error { _, err := svc.Create(ctx, "1", p); return err }
	}
	tooMany := make([]string, externalconnections.MaxUploadNumbers+1)
	for i := range tooMany {
		tooMany[i] = strconv.Itoa(i)
	}
	filter := func(st ...externalconnections.UploadStatus) func() error {
		return func() error {
			_, err := svc.List(ctx, "1", externalconnections.UploadListParams{Filter: &externalconnections.UploadFilter{
				Status: &externalconnections.UploadStatusFilter{Eq: st}}})
			return err
		}
	}
	one := []string{"n1"}
	cases := []struct {
		field string
		call  func() error
	}{
		{"number_ids", create(externalconnections.UploadCreateParams{})},
		{"number_ids", create(externalconnections.UploadCreateParams{NumberIDs: []string{}})},
		{"number_ids", create(externalconnections.UploadCreateParams{NumberIDs: tooMany})},
		{"number_ids[1]", create(externalconnections.UploadCreateParams{NumberIDs: []string{"n1", ""}})},
		{"usage", create(externalconnections.UploadCreateParams{NumberIDs: one, Usage: "direct_routing"})},
		{"additional_usages[1]", create(externalconnections.UploadCreateParams{NumberIDs: one,
			AdditionalUsages: []externalconnections.Usage{externalconnections.UsageCallingUserAssignment, "x"}})},
		{"civic_address_id", create(externalconnections.UploadCreateParams{NumberIDs: one, LocationID: ptr("l"), CivicAddressID: ptr("a")})},
		{"filter[status][eq]", filter(externalconnections.UploadStatusPartialSuccess)},
		{"filter[status][eq]", filter(externalconnections.UploadStatusSuccess, "finished")},
		{"page[size]", func() error {
			_, err := svc.List(ctx, "1", externalconnections.UploadListParams{Page: core.PageParams{Size: -1}})
			return err
		}},
		{"id", func() error { _, err := svc.List(ctx, "", externalconnections.UploadListParams{}); return err }},
		{"id", func() error {
			_, err := svc.Create(ctx, "..", externalconnections.UploadCreateParams{NumberIDs: one})
			return err
		}},
		{"id", func() error { _, err := svc.Get(ctx, "", "t"); return err }},
		{"ticket_id", func() error { _, err := svc.Get(ctx, "1", ""); return err }},
		{"id", func() error { _, err := svc.Retry(ctx, ".", "t"); return err }},
		{"ticket_id", func() error { _, err := svc.Retry(ctx, "1", ".."); return err }},
		{"id", func() error { _, err := svc.RefreshAll(ctx, ""); return err }},
		{"id", func() error { _, err := svc.PendingCount(ctx, ".."); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}

func TestUploadCreateIsNotRetriedOnServerError(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/external_connections/1/uploads", http.StatusInternalServerError,
		`{"errors":[{"code":"10007","title":"Unexpected error"}]}`)
	_, err := externalconnections.NewUploadService(c).Create(context.Background(), "1", externalconnections.UploadCreateParams{NumberIDs: []string{"n"}})
	require.ErrorIs(t, err, core.ErrServer)
	assert.Len(t, *seen, 1, "a write without idempotency must be sent once")
}
