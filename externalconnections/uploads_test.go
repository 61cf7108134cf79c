package externalconnections_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
)

func numberIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}
	return ids
}

func TestUploadCreateAcceptsTheMaximumAndACivicAddress(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusAccepted, `{"success":true}`)
	_, err := s.Uploads.Create(t.Context(), connID, ec.UploadCreateParams{
		NumberIDs: numberIDs(ec.MaxUploadNumbers), CivicAddressID: telnyx.String(addressID)})
	require.NoError(t, err)
	body := rec.Last(t).JSON(t)
	assert.Len(t, body["number_ids"], ec.MaxUploadNumbers)
	assert.Equal(t, addressID, body["civic_address_id"])
	assert.NotContains(t, body, "location_id")
	assert.NotContains(t, body, "usage")
}

func TestUploadValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	ctx := t.Context()
	create := func(p ec.UploadCreateParams) func() error {
		return func() error { _, err := s.Uploads.Create(ctx, connID, p); return err }
	}
	filter := func(st ...ec.UploadStatus) func() error {
		return func() error {
			_, err := s.Uploads.List(ctx, connID, ec.UploadListParams{Filter: &ec.UploadListFilter{Status: &ec.UploadStatusFilter{Eq: st}}})
			return err
		}
	}
	one := []string{"n1"}
	cases := []struct {
		field string
		call  func() error
	}{
		{"number_ids", create(ec.UploadCreateParams{})},
		{"number_ids", create(ec.UploadCreateParams{NumberIDs: []string{}})},
		{"number_ids", create(ec.UploadCreateParams{NumberIDs: numberIDs(ec.MaxUploadNumbers + 1)})},
		{"number_ids[1]", create(ec.UploadCreateParams{NumberIDs: []string{"n1", ""}})},
		{"usage", create(ec.UploadCreateParams{NumberIDs: one, Usage: "direct_routing"})},
		{"additional_usages[1]", create(ec.UploadCreateParams{NumberIDs: one, AdditionalUsages: []ec.Usage{ec.UsageCallingUserAssignment, "x"}})},
		{"civic_address_id", create(ec.UploadCreateParams{NumberIDs: one, LocationID: telnyx.String(locationID), CivicAddressID: telnyx.String(addressID)})},
		{"location_id", create(ec.UploadCreateParams{NumberIDs: one, LocationID: telnyx.String("lobby")})},
		{"location_id", create(ec.UploadCreateParams{NumberIDs: one, LocationID: telnyx.String("")})},
		{"civic_address_id", create(ec.UploadCreateParams{NumberIDs: one, CivicAddressID: telnyx.String(addressID[1:])})},
		{"filter[status][eq]", filter(ec.UploadStatusPartialSuccess)},
		{"filter[status][eq]", filter(ec.UploadStatusSuccess, "finished")},
		{"page[size]", func() error {
			_, err := s.Uploads.List(ctx, connID, ec.UploadListParams{Page: telnyx.PageParams{Size: -1}})
			return err
		}},
		{"id", func() error { _, err := s.Uploads.List(ctx, "", ec.UploadListParams{}); return err }},
		{"id", func() error { _, err := s.Uploads.Create(ctx, "..", ec.UploadCreateParams{NumberIDs: one}); return err }},
		{"id", func() error { _, err := s.Uploads.Get(ctx, "", ticketID); return err }},
		{"ticket_id", func() error { _, err := s.Uploads.Get(ctx, connID, "status"); return err }},
		{"id", func() error { _, err := s.Uploads.Retry(ctx, ".", ticketID); return err }},
		{"ticket_id", func() error { _, err := s.Uploads.Retry(ctx, connID, "refresh"); return err }},
		{"id", func() error { _, err := s.Uploads.RefreshAll(ctx, ""); return err }},
		{"id", func() error { _, err := s.Uploads.PendingCount(ctx, "-1"); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
