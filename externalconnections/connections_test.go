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
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

const connectionObject = `{"id":"1293384261075731499","record_type":"external_connection","connection_name":"zoom-main",` +
	`"active":true,"credential_active":true,"external_sip_connection":"zoom",` +
	`"webhook_event_url":"https://example.com/hooks","webhook_event_failover_url":"https://failover.example.com/hooks",` +
	`"webhook_api_version":"2","webhook_timeout_secs":25,"inbound":{"channel_limit":10},` +
	`"outbound":{"channel_limit":5,"outbound_voice_profile_id":"1911630617284445511"},` +
	`"created_at":"2022-01-01T00:00:00Z","updated_at":"2022-01-02T00:00:00Z","tags":["tag1","tag2"]}`

const connectionJSON = `{"data":` + connectionObject + `}`

var wantConnection = &externalconnections.Connection{
	ID: "1293384261075731499", RecordType: "external_connection", ConnectionName: "zoom-main",
	Active: true, CredentialActive: true, ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
	WebhookEventURL: "https://example.com/hooks", WebhookEventFailoverURL: "https://failover.example.com/hooks",
	WebhookAPIVersion: externalconnections.WebhookAPIVersion2, WebhookTimeoutSecs: ptr(25),
	Inbound:   externalconnections.Inbound{ChannelLimit: ptr(10)},
	Outbound:  externalconnections.Outbound{ChannelLimit: ptr(5), OutboundVoiceProfileID: "1911630617284445511"},
	CreatedAt: "2022-01-01T00:00:00Z", UpdatedAt: "2022-01-02T00:00:00Z", Tags: []string{"tag1", "tag2"},
}

func TestCreateSendsEveryFieldAndDecodes(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/external_connections", http.StatusCreated, connectionJSON)

	conn, err := externalconnections.NewService(c).Create(context.Background(), externalconnections.CreateParams{
		ExternalSIPConnection:   externalconnections.ExternalSIPConnectionZoom,
		Outbound:                externalconnections.OutboundParams{OutboundVoiceProfileID: "1911630617284445511", ChannelLimit: ptr(5)},
		Inbound:                 &externalconnections.CreateInboundParams{OutboundVoiceProfileID: "1911630617284445511", ChannelLimit: ptr(0)},
		Active:                  ptr(false),
		Tags:                    []string{"tag1", "tag2"},
		WebhookEventURL:         ptr("https://example.com/hooks"),
		WebhookEventFailoverURL: core.NewNullable("https://failover.example.com/hooks"),
		WebhookTimeoutSecs:      core.NewNullable(0),
	})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	req := (*seen)[0]
	assert.Equal(t, http.MethodPost, req.Method)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"external_sip_connection":"zoom",
		"outbound":{"outbound_voice_profile_id":"1911630617284445511","channel_limit":5},
		"inbound":{"outbound_voice_profile_id":"1911630617284445511","channel_limit":0},
		"active":false,"tags":["tag1","tag2"],"webhook_event_url":"https://example.com/hooks",
		"webhook_event_failover_url":"https://failover.example.com/hooks","webhook_timeout_secs":0}`, string(req.Body))
	assert.Equal(t, wantConnection, conn)
}

func TestCreateLeavesOutUnsetOptionalFields(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/external_connections", http.StatusCreated, connectionJSON)
	_, err := externalconnections.NewService(c).Create(context.Background(), externalconnections.CreateParams{
		ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom,
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"external_sip_connection":"zoom","outbound":{}}`, string((*seen)[0].Body))
}

func TestUpdateSendsOnlySetFieldsAndClearsWithNull(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPatch, "/external_connections/1293384261075731499", http.StatusOK, connectionJSON)
	svc := externalconnections.NewService(c)
	ctx := context.Background()

	_, err := svc.Update(ctx, "1293384261075731499", externalconnections.UpdateParams{
		Outbound: externalconnections.OutboundParams{OutboundVoiceProfileID: "42"},
	})
	require.NoError(t, err)
	_, err = svc.Update(ctx, "1293384261075731499", externalconnections.UpdateParams{
		Outbound:                externalconnections.OutboundParams{OutboundVoiceProfileID: "42", ChannelLimit: ptr(7)},
		Inbound:                 &externalconnections.UpdateInboundParams{ChannelLimit: ptr(3)},
		Active:                  ptr(true),
		Tags:                    []string{},
		WebhookEventURL:         ptr("https://example.com/new"),
		WebhookEventFailoverURL: core.Null[string](),
		WebhookTimeoutSecs:      core.Null[int](),
	})
	require.NoError(t, err)
	_, err = svc.Update(ctx, "1293384261075731499", externalconnections.UpdateParams{
		Outbound:                externalconnections.OutboundParams{OutboundVoiceProfileID: "42"},
		WebhookEventFailoverURL: core.NewNullable("https://failover.example.com/new"),
		WebhookTimeoutSecs:      core.NewNullable(30),
	})
	require.NoError(t, err)

	require.Len(t, *seen, 3)
	assert.Equal(t, http.MethodPatch, (*seen)[0].Method)
	assert.JSONEq(t, `{"outbound":{"outbound_voice_profile_id":"42"}}`, string((*seen)[0].Body))
	assert.JSONEq(t, `{"outbound":{"outbound_voice_profile_id":"42","channel_limit":7},"inbound":{"channel_limit":3},
		"active":true,"tags":[],"webhook_event_url":"https://example.com/new","webhook_event_failover_url":null,"webhook_timeout_secs":null}`, string((*seen)[1].Body))
	assert.JSONEq(t, `{"outbound":{"outbound_voice_profile_id":"42"},"webhook_event_failover_url":"https://failover.example.com/new","webhook_timeout_secs":30}`,
		string((*seen)[2].Body))
}

func TestGetDecodesNullsAndMissingFields(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/external_connections/7", http.StatusOK,
		`{"data":{"id":"7","external_sip_connection":"operator_connect","webhook_event_failover_url":null,
		"webhook_timeout_secs":null,"inbound":{"channel_limit":null},"outbound":{}}}`)
	conn, err := externalconnections.NewService(c).Get(context.Background(), "7")
	require.NoError(t, err)
	assert.Equal(t, &externalconnections.Connection{ID: "7", ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect}, conn)
}

func TestGetUpdateDeleteEscapeTheID(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewService(c)
	ctx := context.Background()
	const escaped = "/external_connections/" + escapedTricky
	get := testutil.Respond(mock, http.MethodGet, escaped, http.StatusOK, connectionJSON)
	patch := testutil.Respond(mock, http.MethodPatch, escaped, http.StatusOK, connectionJSON)
	del := testutil.Respond(mock, http.MethodDelete, escaped, http.StatusOK, connectionJSON)

	got, err := svc.Get(ctx, tricky)
	require.NoError(t, err)
	assert.Equal(t, wantConnection, got)
	_, err = svc.Update(ctx, tricky, externalconnections.UpdateParams{Outbound: externalconnections.OutboundParams{OutboundVoiceProfileID: "1"}})
	require.NoError(t, err)
	deleted, err := svc.Delete(ctx, tricky)
	require.NoError(t, err)
	assert.Equal(t, wantConnection, deleted)

	for _, seen := range []*[]testutil.Captured{get, patch, del} {
		require.Len(t, *seen, 1)
		assert.Equal(t, "/v2"+escaped, (*seen)[0].Path)
	}
}

func TestListSendsFiltersAndPage(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections", http.StatusOK,
		`{"data":[`+connectionObject+`],"meta":{"page_number":2,"page_size":1,"total_pages":3,"total_results":3}}`)
	page, err := externalconnections.NewService(c).List(context.Background(), externalconnections.ListParams{
		Filter: &externalconnections.ListFilter{
			ConnectionName:        &externalconnections.ContainsFilter{Contains: "zoo"},
			ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect,
			ID:                    "1293384261075731499",
			CreatedAt:             "2022-01-01",
			PhoneNumber:           &externalconnections.ContainsFilter{Contains: "+13128675309"},
		},
		Page: core.PageParams{Number: 2, Size: 1},
	})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, map[string][]string{
		"filter[connection_name][contains]": {"zoo"},
		"filter[external_sip_connection]":   {"operator_connect"},
		"filter[id]":                        {"1293384261075731499"},
		"filter[created_at]":                {"2022-01-01"},
		"filter[phone_number][contains]":    {"+13128675309"},
		"page[number]":                      {"2"},
		"page[size]":                        {"1"},
	}, (*seen)[0].Query)
	require.Len(t, page.Data, 1)
	assert.Equal(t, *wantConnection, page.Data[0])
	assert.Equal(t, 3, page.Meta.TotalPages)
	assert.True(t, page.HasNext())
}

func TestListWithoutParamsSendsNoQuery(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/external_connections", http.StatusOK, `{"data":[],"meta":{"total_pages":0}}`)
	page, err := externalconnections.NewService(c).List(context.Background(), externalconnections.ListParams{})
	require.NoError(t, err)
	assert.Empty(t, (*seen)[0].Query)
	assert.Empty(t, page.Data)
	assert.False(t, page.HasNext())
}

func TestListAutoPagingWalksEveryPageAndStopsEarly(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := respondPages(mock, "/external_connections", "data", [][]string{
		{`{"id":"1"}`, `{"id":"2"}`}, {`{"id":"3"}`, `{"id":"4"}`}, {`{"id":"5"}`},
	})
	svc := externalconnections.NewService(c)
	params := externalconnections.ListParams{
		Filter: &externalconnections.ListFilter{ExternalSIPConnection: externalconnections.ExternalSIPConnectionZoom},
		Page:   core.PageParams{Size: 2},
	}

	var ids []string
	for conn, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, conn.ID)
	}
	assert.Equal(t, []string{"1", "2", "3", "4", "5"}, ids)
	require.Len(t, *seen, 3)
	assert.Equal(t, map[string][]string{"filter[external_sip_connection]": {"zoom"}, "page[size]": {"2"}}, (*seen)[0])
	assert.Equal(t, map[string][]string{"filter[external_sip_connection]": {"zoom"}, "page[size]": {"2"}, "page[number]": {"3"}}, (*seen)[2])

	*seen = nil
	ids = nil
	for conn, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, conn.ID)
		if len(ids) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"1", "2", "3"}, ids)
	assert.Len(t, *seen, 2, "no page after the break may be fetched")
}

func TestUpdateLocationReportsPendingOrders(t *testing.T) {
	const (
		connID = "d4c2ad2f-1b3f-4c8c-9a4e-6d1c6f0e8f11"
		locID  = "18ded4bb-b694-44c1-a89b-a35b7acd4c9e"
		addrID = "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0"
		body   = `{"data":{"location_id":"` + locID + `","static_emergency_address_id":"` + addrID + `","accepted_address_suggestions":true}}`
	)
	for _, tc := range []struct {
		status  int
		pending bool
	}{{http.StatusOK, false}, {http.StatusAccepted, true}} {
		c, mock := testutil.NewClient(t)
		seen := testutil.Respond(mock, http.MethodPatch, "/external_connections/"+connID+"/locations/"+locID, tc.status, body)
		got, err := externalconnections.NewService(c).UpdateLocation(context.Background(), connID, locID,
			externalconnections.UpdateLocationParams{StaticEmergencyAddressID: addrID})
		require.NoError(t, err)
		require.Len(t, *seen, 1)
		assert.JSONEq(t, `{"static_emergency_address_id":"`+addrID+`"}`, string((*seen)[0].Body))
		assert.Equal(t, &externalconnections.LocationUpdate{LocationID: locID, StaticEmergencyAddressID: addrID,
			AcceptedAddressSuggestions: true, OrdersPending: tc.pending}, got)
	}
}

func TestUpdateLocationKeepsTheBodyForResponseInto(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodPatch, "/external_connections/x/locations/y", http.StatusOK, `{"data":{"location_id":"y"}}`)
	var resp *http.Response
	got, err := externalconnections.NewService(c).UpdateLocation(context.Background(), "x", "y",
		externalconnections.UpdateLocationParams{StaticEmergencyAddressID: "z"}, option.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, "y", got.LocationID)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	b := make([]byte, 64)
	n, _ := resp.Body.Read(b)
	assert.JSONEq(t, `{"data":{"location_id":"y"}}`, string(b[:n]))
}

func TestUpdateLocationEscapesBothIDs(t *testing.T) {
	c, mock := testutil.NewClient(t)
	escaped := "/external_connections/" + escapedTricky + "/locations/" + escapedTricky
	seen := testutil.Respond(mock, http.MethodPatch, escaped, http.StatusOK, `{"data":{}}`)
	_, err := externalconnections.NewService(c).UpdateLocation(context.Background(), tricky, tricky,
		externalconnections.UpdateLocationParams{StaticEmergencyAddressID: "z"})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "/v2"+escaped, (*seen)[0].Path)
}

func TestUpdateLocationBadAnswerIsAnError(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodPatch, "/external_connections/x/locations/y", http.StatusOK, `{"data":`)
	_, err := externalconnections.NewService(c).UpdateLocation(context.Background(), "x", "y",
		externalconnections.UpdateLocationParams{StaticEmergencyAddressID: "z"})
	require.ErrorContains(t, err, "decoding the answer to PATCH /v2/external_connections/x/locations/y")
}

func TestConnectionValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := externalconnections.NewService(c)
	ctx := context.Background()
	zoom := externalconnections.ExternalSIPConnectionZoom
	out := externalconnections.OutboundParams{OutboundVoiceProfileID: "1"}
	create := func(p externalconnections.CreateParams) func() error {
		return func() error { _, err := svc.Create(ctx, p); return err }
	}
	update := func(id string, p externalconnections.UpdateParams) func() error {
		return func() error { _, err := svc.Update(ctx, id, p); return err }
	}
	list := func(p externalconnections.ListParams) func() error {
		return func() error { _, err := svc.List(ctx, p); return err }
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"external_sip_connection", create(externalconnections.CreateParams{})},
		{"external_sip_connection", create(externalconnections.CreateParams{ExternalSIPConnection: externalconnections.ExternalSIPConnectionOperatorConnect})},
		{"external_sip_connection", create(externalconnections.CreateParams{ExternalSIPConnection: "teams"})},
		{"inbound.outbound_voice_profile_id", create(externalconnections.CreateParams{ExternalSIPConnection: zoom,
			Inbound: &externalconnections.CreateInboundParams{ChannelLimit: ptr(1)}})},
		{"webhook_event_url", create(externalconnections.CreateParams{ExternalSIPConnection: zoom, WebhookEventURL: ptr("example.com/hooks")})},
		{"webhook_event_failover_url", create(externalconnections.CreateParams{ExternalSIPConnection: zoom,
			WebhookEventFailoverURL: core.NewNullable("/relative")})},
		{"webhook_timeout_secs", create(externalconnections.CreateParams{ExternalSIPConnection: zoom, WebhookTimeoutSecs: core.NewNullable(31)})},
		{"webhook_timeout_secs", create(externalconnections.CreateParams{ExternalSIPConnection: zoom, WebhookTimeoutSecs: core.NewNullable(-1)})},
		{"outbound.outbound_voice_profile_id", update("1", externalconnections.UpdateParams{})},
		{"webhook_event_url", update("1", externalconnections.UpdateParams{Outbound: out, WebhookEventURL: ptr("https://")})},
		{"webhook_event_failover_url", update("1", externalconnections.UpdateParams{Outbound: out, WebhookEventFailoverURL: core.NewNullable("nope")})},
		{"webhook_event_url", update("1", externalconnections.UpdateParams{Outbound: out, WebhookEventURL: ptr("")})},
		{"webhook_event_failover_url", update("1", externalconnections.UpdateParams{Outbound: out, WebhookEventFailoverURL: core.NewNullable("")})},
		{"webhook_timeout_secs", update("1", externalconnections.UpdateParams{Outbound: out, WebhookTimeoutSecs: core.NewNullable(60)})},
		{"id", update("", externalconnections.UpdateParams{Outbound: out})},
		{"id", update("..", externalconnections.UpdateParams{Outbound: out})},
		{"id", func() error { _, err := svc.Get(ctx, ""); return err }},
		{"id", func() error { _, err := svc.Get(ctx, "."); return err }},
		{"id", func() error { _, err := svc.Delete(ctx, ""); return err }},
		{"filter[connection_name][contains]", list(externalconnections.ListParams{Filter: &externalconnections.ListFilter{
			ConnectionName: &externalconnections.ContainsFilter{Contains: "zo"}}})},
		{"filter[external_sip_connection]", list(externalconnections.ListParams{Filter: &externalconnections.ListFilter{ExternalSIPConnection: "teams"}})},
		{"page[size]", list(externalconnections.ListParams{Page: core.PageParams{Size: 251}})},
		{"page[number]", list(externalconnections.ListParams{Page: core.PageParams{Number: -1}})},
		{"static_emergency_address_id", func() error {
			_, err := svc.UpdateLocation(ctx, "x", "y", externalconnections.UpdateLocationParams{})
			return err
		}},
		{"id", func() error {
			_, err := svc.UpdateLocation(ctx, "", "y", externalconnections.UpdateLocationParams{StaticEmergencyAddressID: "z"})
			return err
		}},
		{"location_id", func() error {
			_, err := svc.UpdateLocation(ctx, "x", "", externalconnections.UpdateLocationParams{StaticEmergencyAddressID: "z"})
			return err
		}},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	seq := svc.ListAutoPaging(ctx, externalconnections.ListParams{Page: core.PageParams{Size: 1000}})
	for _, err := range seq {
		testutil.RequireInvalid(t, err, "page[size]")
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}

func TestDeleteRefusedWithAPIError(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodDelete, "/external_connections/9", http.StatusUnprocessableEntity,
		`{"errors":[{"code":"10015","title":"Invalid value","detail":"Operator Connect connections cannot be deleted","source":{"pointer":"/id"}}]}`)
	_, err := externalconnections.NewService(c).Delete(context.Background(), "9")
	require.ErrorIs(t, err, core.ErrUnprocessable)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/id", apiErr.Errors[0].Source.Pointer)
	assert.Equal(t, "req-1", apiErr.RequestID)
}

func TestAPIErrorsReachTheCaller(t *testing.T) {
	c, mock := testutil.NewClient(t)
	notFound := `{"errors":[{"code":"10005","title":"Resource not found"}]}`
	testutil.Respond(mock, http.MethodPatch, "/external_connections/x/locations/y", http.StatusNotFound, notFound)
	testutil.Respond(mock, http.MethodGet, "/external_connections/log_messages/5", http.StatusNotFound, notFound)
	testutil.Respond(mock, http.MethodPost, "/external_connections/1/uploads/refresh", http.StatusNotFound, notFound)
	testutil.Respond(mock, http.MethodGet, "/external_connections/1/civic_addresses", http.StatusNotFound, notFound)
	svc := externalconnections.NewService(c)
	ctx := context.Background()

	loc, err := svc.UpdateLocation(ctx, "x", "y", externalconnections.UpdateLocationParams{StaticEmergencyAddressID: "z"})
	assert.ErrorIs(t, err, core.ErrNotFound)
	assert.Nil(t, loc)
	msg, err := svc.LogMessages.Get(ctx, "5")
	assert.ErrorIs(t, err, core.ErrNotFound)
	assert.Nil(t, msg)
	res, err := svc.Uploads.RefreshAll(ctx, "1")
	assert.ErrorIs(t, err, core.ErrNotFound)
	assert.Nil(t, res)
	addrs, err := svc.CivicAddresses.List(ctx, "1", externalconnections.CivicAddressListParams{})
	assert.ErrorIs(t, err, core.ErrNotFound)
	assert.Nil(t, addrs)
	assert.Equal(t, 4, mock.GetTotalCallCount())
}
