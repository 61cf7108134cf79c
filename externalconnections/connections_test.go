package externalconnections_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	ec "github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

func TestCreateLeavesOutUnsetOptionalFields(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusCreated, `{"data":`+connectionObject+`}`)
	_, err := s.Create(t.Context(), ec.CreateParams{ExternalSIPConnection: ec.ExternalSIPConnectionZoom})
	require.NoError(t, err)
	assert.JSONEq(t, `{"external_sip_connection":"zoom","outbound":{}}`, string(rec.Last(t).Body))
}

func TestUpdateSendsOnlySetFieldsAndClearsWithNull(t *testing.T) {
	t.Parallel()
	cases := []struct {
		params ec.UpdateParams
		want   string
	}{
		{ec.UpdateParams{Outbound: ec.OutboundParams{OutboundVoiceProfileID: "42"}}, `{"outbound":{"outbound_voice_profile_id":"42"}}`},
		{ec.UpdateParams{
			Outbound:                ec.OutboundParams{OutboundVoiceProfileID: "42", ChannelLimit: telnyx.Int(7)},
			Inbound:                 &ec.UpdateInboundParams{ChannelLimit: telnyx.Int(3)},
			Active:                  telnyx.Bool(true),
			Tags:                    []string{},
			WebhookEventURL:         telnyx.String("https://example.com/new"),
			WebhookEventFailoverURL: telnyx.Null[string](),
			WebhookTimeoutSecs:      telnyx.Null[int](),
		}, `{"outbound":{"outbound_voice_profile_id":"42","channel_limit":7},"inbound":{"channel_limit":3},"active":true,"tags":[],
			"webhook_event_url":"https://example.com/new","webhook_event_failover_url":null,"webhook_timeout_secs":null}`},
		{ec.UpdateParams{
			Outbound:                ec.OutboundParams{OutboundVoiceProfileID: "42"},
			WebhookEventFailoverURL: telnyx.NewNullable("https://failover.example.com/new"),
			WebhookTimeoutSecs:      telnyx.NewNullable(30),
		}, `{"outbound":{"outbound_voice_profile_id":"42"},"webhook_event_failover_url":"https://failover.example.com/new","webhook_timeout_secs":30}`},
	}
	for _, tc := range cases {
		s, rec := setup(t)
		rec.Answer(http.StatusOK, `{"data":`+connectionObject+`}`)
		_, err := s.Update(t.Context(), connID, tc.params)
		require.NoError(t, err)
		assert.JSONEq(t, tc.want, string(rec.Last(t).Body))
	}
}

func TestGetDecodesNullsAndMissingFields(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":{"id":"7","external_sip_connection":"operator_connect","webhook_event_failover_url":null,
		"webhook_timeout_secs":null,"inbound":{"channel_limit":null},"outbound":{},"created_at":null}}`)
	conn, err := s.Get(t.Context(), "7")
	require.NoError(t, err)
	assert.Equal(t, &ec.Connection{ID: "7", ExternalSIPConnection: ec.ExternalSIPConnectionOperatorConnect,
		WebhookEventFailoverURL: telnyx.Null[string](), WebhookTimeoutSecs: telnyx.Null[int]()}, conn)
	assert.True(t, conn.WebhookEventFailoverURL.IsNull(), "null is told apart from a value")

	// A value read is sent back as it is.
	rec.Reset()
	rec.Answer(http.StatusOK, `{"data":`+connectionObject+`}`)
	_, err = s.Update(t.Context(), "7", ec.UpdateParams{Outbound: ec.OutboundParams{OutboundVoiceProfileID: "42"},
		WebhookEventFailoverURL: conn.WebhookEventFailoverURL, WebhookTimeoutSecs: conn.WebhookTimeoutSecs})
	require.NoError(t, err)
	assert.JSONEq(t, `{"outbound":{"outbound_voice_profile_id":"42"},"webhook_event_failover_url":null,"webhook_timeout_secs":null}`, string(rec.Last(t).Body))
}

func TestConnectionTimestampsDecodeOddValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		raw  string
		want time.Time // zero: decodes as the zero time
	}{
		{`"2022-01-01T00:00:00Z"`, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)},
		{`"2022-01-01T10:00:00.123456789-05:00"`, time.Date(2022, 1, 1, 15, 0, 0, 123456789, time.UTC)},
		{`"2022-01-01 10:00:00"`, time.Date(2022, 1, 1, 10, 0, 0, 0, time.UTC)},
		{`"2022-01-01T10:00:00"`, time.Date(2022, 1, 1, 10, 0, 0, 0, time.UTC)},
		{`"2022-01-01"`, time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)},
		{`""`, time.Time{}},
		{`null`, time.Time{}},
		{`1641031200`, time.Time{}},
		{`"yesterday"`, time.Time{}},
		{`{"seconds":1}`, time.Time{}},
	}
	for _, tc := range cases {
		s, rec := setup(t)
		rec.Answer(http.StatusOK, `{"data":{"id":"7","created_at":`+tc.raw+`,"updated_at":`+tc.raw+`}}`)
		conn, err := s.Get(t.Context(), "7")
		require.NoError(t, err, tc.raw)
		assert.True(t, conn.CreatedAt.Time.Equal(tc.want), "%s: created_at %v", tc.raw, conn.CreatedAt)
		assert.True(t, conn.UpdatedAt.Time.Equal(tc.want), "%s: updated_at %v", tc.raw, conn.UpdatedAt)
		assert.Equal(t, tc.want.IsZero(), conn.CreatedAt.IsZero(), tc.raw)
	}
}

func TestListSendsTheCreationDayAsTheSpecWants(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		at   telnyx.Timestamp
		want []string // nil: the filter is left out
	}{
		{"date", telnyx.Date(2022, 1, 1), []string{"2022-01-01"}},
		{"instant in UTC", telnyx.NewTimestamp(time.Date(2022, 3, 4, 23, 59, 59, 999, time.UTC)), []string{"2022-03-04"}},
		{"instant in another zone", telnyx.NewTimestamp(time.Date(2022, 3, 5, 1, 0, 0, 0, time.FixedZone("", 3*3600))), []string{"2022-03-04"}},
		{"read from an answer", wantConnection.UpdatedAt, []string{"2022-01-02"}},
		{"zero", telnyx.Timestamp{}, nil},
	}
	for _, tc := range cases {
		s, rec := setup(t)
		rec.Answer(http.StatusOK, page("data", ""))
		_, err := s.List(t.Context(), ec.ListParams{Filter: &ec.ListFilter{CreatedAt: tc.at}})
		require.NoError(t, err, tc.name)
		assert.Equal(t, tc.want, rec.Last(t).Query["filter[created_at]"], tc.name)
	}
}

func TestListWithoutParamsSendsNoQuery(t *testing.T) {
	t.Parallel()
	for _, params := range []ec.ListParams{{}, {Filter: &ec.ListFilter{}}} {
		s, rec := setup(t)
		rec.Answer(http.StatusOK, `{"data":[],"meta":{"total_pages":0}}`)
		p, err := s.List(t.Context(), params)
		require.NoError(t, err)
		assert.Empty(t, rec.Last(t).Query)
		assert.Empty(t, p.Data)
		assert.False(t, p.HasNext())
	}
}

func TestListFilterEncodesUnderAnyKey(t *testing.T) {
	t.Parallel()
	v := url.Values{}
	require.NoError(t, ec.ListFilter{ConnectionName: &ec.ContainsFilter{Contains: "zoo"}, CreatedAt: telnyx.Date(2024, 2, 29)}.EncodeValues("f", &v))
	assert.Equal(t, url.Values{"f[connection_name][contains]": {"zoo"}, "f[created_at]": {"2024-02-29"}}, v)
}

func TestUpdateLocationReportsPendingOrders(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status  int
		pending bool
	}{{http.StatusOK, false}, {http.StatusAccepted, true}} {
		s, rec := setup(t)
		rec.Answer(tc.status, `{"data":{"location_id":"`+locationID+`"}}`)
		got, err := s.UpdateLocation(t.Context(), teamsConn, locationID, locationParams)
		require.NoError(t, err)
		assert.Equal(t, &ec.LocationUpdate{LocationID: locationID, OrdersPending: tc.pending}, got)
	}
}

func TestUpdateLocationKeepsTheBodyForResponseInto(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":{"location_id":"`+locationID+`"}}`)
	var resp *http.Response
	got, err := s.UpdateLocation(t.Context(), teamsConn, locationID, locationParams, option.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, locationID, got.LocationID)
	require.NotNil(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	b := make([]byte, 128)
	n, _ := resp.Body.Read(b)
	assert.JSONEq(t, `{"data":{"location_id":"`+locationID+`"}}`, string(b[:n]))
}

func TestUpdateLocationBadAnswerIsADecodeError(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":`)
	_, err := s.UpdateLocation(t.Context(), teamsConn, locationID, locationParams)
	var derr *telnyx.DecodeError
	require.ErrorAs(t, err, &derr)
	assert.Equal(t, "/v2/external_connections/"+teamsConn+"/locations/"+locationID, derr.Path)
}

func TestConnectionValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	s, rec := setup(t)
	ctx := t.Context()
	zoom := ec.ExternalSIPConnectionZoom
	out := ec.OutboundParams{OutboundVoiceProfileID: "1"}
	create := func(p ec.CreateParams) func() error {
		return func() error { _, err := s.Create(ctx, p); return err }
	}
	update := func(id string, p ec.UpdateParams) func() error {
		return func() error { _, err := s.Update(ctx, id, p); return err }
	}
	list := func(p ec.ListParams) func() error {
		return func() error { _, err := s.List(ctx, p); return err }
	}
	location := func(conn, loc string, p ec.LocationUpdateParams) func() error {
		return func() error { _, err := s.UpdateLocation(ctx, conn, loc, p); return err }
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"external_sip_connection", create(ec.CreateParams{})},
		{"external_sip_connection", create(ec.CreateParams{ExternalSIPConnection: ec.ExternalSIPConnectionOperatorConnect})},
		{"external_sip_connection", create(ec.CreateParams{ExternalSIPConnection: "teams"})},
		{"inbound.outbound_voice_profile_id", create(ec.CreateParams{ExternalSIPConnection: zoom,
			Inbound: &ec.CreateInboundParams{ChannelLimit: telnyx.Int(1)}})},
		{"webhook_event_url", create(ec.CreateParams{ExternalSIPConnection: zoom, WebhookEventURL: telnyx.String("example.com/hooks")})},
		{"webhook_event_failover_url", create(ec.CreateParams{ExternalSIPConnection: zoom, WebhookEventFailoverURL: telnyx.NewNullable("/relative")})},
		{"webhook_timeout_secs", create(ec.CreateParams{ExternalSIPConnection: zoom, WebhookTimeoutSecs: telnyx.NewNullable(31)})},
		{"webhook_timeout_secs", create(ec.CreateParams{ExternalSIPConnection: zoom, WebhookTimeoutSecs: telnyx.NewNullable(-1)})},
		{"outbound.outbound_voice_profile_id", update(connID, ec.UpdateParams{})},
		{"webhook_event_url", update(connID, ec.UpdateParams{Outbound: out, WebhookEventURL: telnyx.String("https://")})},
		{"webhook_event_url", update(connID, ec.UpdateParams{Outbound: out, WebhookEventURL: telnyx.String("")})},
		{"webhook_event_failover_url", update(connID, ec.UpdateParams{Outbound: out, WebhookEventFailoverURL: telnyx.NewNullable("nope")})},
		{"webhook_event_failover_url", update(connID, ec.UpdateParams{Outbound: out, WebhookEventFailoverURL: telnyx.NewNullable("")})},
		{"webhook_timeout_secs", update(connID, ec.UpdateParams{Outbound: out, WebhookTimeoutSecs: telnyx.NewNullable(60)})},
		{"id", update("", ec.UpdateParams{Outbound: out})},
		{"id", update("my-connection", ec.UpdateParams{Outbound: out})},
		{"id", func() error { _, err := s.Get(ctx, teamsConn); return err }},
		{"id", func() error { _, err := s.Delete(ctx, "log_messages"); return err }},
		{"filter[connection_name][contains]", list(ec.ListParams{Filter: &ec.ListFilter{ConnectionName: &ec.ContainsFilter{Contains: "zo"}}})},
		{"filter[external_sip_connection]", list(ec.ListParams{Filter: &ec.ListFilter{ExternalSIPConnection: "teams"}})},
		{"page[size]", list(ec.ListParams{Page: telnyx.PageParams{Size: 251}})},
		{"page[number]", list(ec.ListParams{Page: telnyx.PageParams{Number: -1}})},
		{"static_emergency_address_id", location(teamsConn, locationID, ec.LocationUpdateParams{})},
		{"static_emergency_address_id", location(teamsConn, locationID, ec.LocationUpdateParams{StaticEmergencyAddressID: "main-office"})},
		{"static_emergency_address_id", location(teamsConn, locationID, ec.LocationUpdateParams{StaticEmergencyAddressID: emergency + " "})},
		{"id", location(connID, locationID, locationParams)},
		{"location_id", location(teamsConn, "", locationParams)},
		{"location_id", location(teamsConn, "1", locationParams)},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	for _, err := range s.ListAutoPaging(ctx, ec.ListParams{Page: telnyx.PageParams{Size: 1000}}) {
		testutil.RequireInvalid(t, err, "page[size]")
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
