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

const phoneNumberObject = `{"ticket_id":"542c3bca-d247-42bc-8fe7-e01d16ecd761","telephone_number":"+13128675309",` +
	`"number_id":"1269460000000000000","civic_address_id":"07a4dc5d-9b3b-4ba2-88a4-6ba172316c65",` +
	`"location_id":"18ded4bb-b694-44c1-a89b-a35b7acd4c9e","displayed_country_code":"US",` +
	`"acquired_capabilities":["InboundCalling","OutboundCalling","SomethingNew"]}`

var wantPhoneNumber = externalconnections.PhoneNumber{
	TicketID: "542c3bca-d247-42bc-8fe7-e01d16ecd761", TelephoneNumber: "+13128675309", NumberID: "1269460000000000000",
	CivicAddressID: "07a4dc5d-9b3b-4ba2-88a4-6ba172316c65", LocationID: "18ded4bb-b694-44c1-a89b-a35b7acd4c9e",
	DisplayedCountryCode: "US",
	AcquiredCapabilities: []externalconnections.Capability{
		externalconnections.CapabilityInboundCalling, externalconnections.CapabilityOutboundCalling, "SomethingNew"},
}

func TestPhoneNumbersListSendsFilters(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections/"+escapedTricky+"/phone_numbers", http.StatusOK,
		`{"data":[`+phoneNumberObject+`],"meta":{"page_number":1,"page_size":25,"total_pages":1,"total_results":1}}`)
	page, err := externalconnections.NewService(c).PhoneNumbers.List(context.Background(), tricky, externalconnections.PhoneNumberListParams{
		Filter: &externalconnections.PhoneNumberListFilter{
			PhoneNumber:    &externalconnections.PhoneNumberFilter{Eq: "+13128675309", Contains: "867"},
			CivicAddressID: &externalconnections.EqFilter{Eq: "07a4dc5d"},
			LocationID:     &externalconnections.EqFilter{Eq: "18ded4bb"},
		},
		Page: core.PageParams{Size: 25},
	})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2/external_connections/"+escapedTricky+"/phone_numbers", (*seen)[0].Path)
	assert.Equal(t, map[string][]string{
		"filter[phone_number][eq]":       {"+13128675309"},
		"filter[phone_number][contains]": {"867"},
		"filter[civic_address_id][eq]":   {"07a4dc5d"},
		"filter[location_id][eq]":        {"18ded4bb"},
		"page[size]":                     {"25"},
	}, (*seen)[0].Query)
	assert.Equal(t, []externalconnections.PhoneNumber{wantPhoneNumber}, page.Data)
}

func TestPhoneNumbersListAutoPaging(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := respondPages(mock, "/external_connections/1/phone_numbers", "data", [][]string{
		{`{"number_id":"a"}`, `{"number_id":"b"}`}, {`{"number_id":"c"}`},
	})
	svc := externalconnections.NewPhoneNumberService(c)
	params := externalconnections.PhoneNumberListParams{Page: core.PageParams{Size: 2}}
	var ids []string
	for n, err := range svc.ListAutoPaging(context.Background(), "1", params) {
		require.NoError(t, err)
		ids = append(ids, n.NumberID)
	}
	assert.Equal(t, []string{"a", "b", "c"}, ids)
	require.Len(t, *seen, 2)
	assert.Equal(t, map[string][]string{"page[size]": {"2"}, "page[number]": {"2"}}, (*seen)[1])

	*seen = nil
	for range svc.ListAutoPaging(context.Background(), "1", params) {
		break
	}
	assert.Len(t, *seen, 1)
}

func TestPhoneNumberGetAndUpdateEscapeBothIDs(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewPhoneNumberService(c)
	ctx := context.Background()
	escaped := "/external_connections/" + escapedTricky + "/phone_numbers/" + escapedTricky
	get := testutil.Respond(mock, http.MethodGet, escaped, http.StatusOK, `{"data":`+phoneNumberObject+`}`)
	patch := testutil.Respond(mock, http.MethodPatch, escaped, http.StatusOK, `{"data":`+phoneNumberObject+`}`)

	got, err := svc.Get(ctx, tricky, tricky)
	require.NoError(t, err)
	assert.Equal(t, &wantPhoneNumber, got)
	updated, err := svc.Update(ctx, tricky, tricky, externalconnections.PhoneNumberUpdateParams{LocationID: ptr("d420a57f-c4ae-4697-87e1-fbefd9e86f72")})
	require.NoError(t, err)
	assert.Equal(t, &wantPhoneNumber, updated)
	_, err = svc.Update(ctx, tricky, tricky, externalconnections.PhoneNumberUpdateParams{})
	require.NoError(t, err)

	require.Len(t, *get, 1)
	assert.Equal(t, "/v2"+escaped, (*get)[0].Path)
	require.Len(t, *patch, 2)
	assert.Equal(t, "/v2"+escaped, (*patch)[0].Path)
	assert.JSONEq(t, `{"location_id":"d420a57f-c4ae-4697-87e1-fbefd9e86f72"}`, string((*patch)[0].Body))
	assert.JSONEq(t, `{}`, string((*patch)[1].Body))
}

func TestPhoneNumberValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewPhoneNumberService(c)
	ctx := context.Background()
	upd := externalconnections.PhoneNumberUpdateParams{}
	cases := []struct {
		field string
		call  func() error
	}{
		{"page[size]", func() error {
			_, err := svc.List(ctx, "1", externalconnections.PhoneNumberListParams{Page: core.PageParams{Size: 300}})
			return err
		}},
		{"id", func() error { _, err := svc.List(ctx, "", externalconnections.PhoneNumberListParams{}); return err }},
		{"id", func() error { _, err := svc.Get(ctx, "..", "n"); return err }},
		{"phone_number_id", func() error { _, err := svc.Get(ctx, "1", ""); return err }},
		{"id", func() error { _, err := svc.Update(ctx, "", "n", upd); return err }},
		{"phone_number_id", func() error { _, err := svc.Update(ctx, "1", "..", upd); return err }},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}
