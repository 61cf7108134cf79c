package recordings_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

const recordingData = `{
	"call_control_id":"v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw",
	"call_leg_id":"84a97d76-e40f-11ed-9074-02420a0daa69",
	"call_session_id":"84a97d76-e40f-11ed-9074-02420a0daa70",
	"channels":"dual",
	"conference_id":"84a97d76-e40f-11ed-9074-02420a0daa71",
	"created_at":"2018-02-02T22:25:27.521Z",
	"download_urls":{"mp3":"https://cdn.test/r.mp3","wav":"https://cdn.test/r.wav"},
	"duration_millis":60000,
	"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6",
	"record_type":"recording",
	"recording_started_at":"2019-01-23T18:10:02.574Z",
	"recording_ended_at":"2019-01-23T18:11:02.574Z",
	"source":"conference",
	"status":"completed",
	"updated_at":"2018-02-02T22:25:28.521Z",
	"new_field":{"x":1}
}`

var wantRecording = &recordings.Recording{
	ID:                 "3fa85f64-5717-4562-b3fc-2c963f66afa6",
	RecordType:         "recording",
	CallControlID:      "v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw",
	CallLegID:          "84a97d76-e40f-11ed-9074-02420a0daa69",
	CallSessionID:      "84a97d76-e40f-11ed-9074-02420a0daa70",
	ConferenceID:       "84a97d76-e40f-11ed-9074-02420a0daa71",
	Channels:           recordings.ChannelsDual,
	Source:             recordings.SourceConference,
	Status:             recordings.StatusCompleted,
	DownloadURLs:       recordings.DownloadURLs{MP3: "https://cdn.test/r.mp3", WAV: "https://cdn.test/r.wav"},
	DurationMillis:     60000,
	RecordingStartedAt: "2019-01-23T18:10:02.574Z",
	RecordingEndedAt:   "2019-01-23T18:11:02.574Z",
	CreatedAt:          "2018-02-02T22:25:27.521Z",
	UpdatedAt:          "2018-02-02T22:25:28.521Z",
}

func TestGetDecodesEveryField(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/recordings/3fa85f64-5717-4562-b3fc-2c963f66afa6", http.StatusOK, `{"data":`+recordingData+`}`)
	got, err := recordings.NewService(c).Get(context.Background(), "3fa85f64-5717-4562-b3fc-2c963f66afa6")
	require.NoError(t, err)
	assert.Equal(t, wantRecording, got)
	require.Len(t, *seen, 1)
	assert.Equal(t, http.MethodGet, (*seen)[0].Method)
	assert.Equal(t, "Bearer "+testutil.APIKey, (*seen)[0].Header.Get("Authorization"))
}

func TestNullsAndUnknownEnumValuesDecode(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/recordings/r1", http.StatusOK,
		`{"data":{"id":"r1","conference_id":null,"download_urls":{"mp3":"https://cdn.test/r.mp3","wav":null},"channels":"quad","source":"call","status":"deleted"}}`)
	got, err := recordings.NewService(c).Get(context.Background(), "r1")
	require.NoError(t, err)
	assert.Equal(t, &recordings.Recording{ID: "r1", DownloadURLs: recordings.DownloadURLs{MP3: "https://cdn.test/r.mp3"},
		Channels: "quad", Source: recordings.SourceCall, Status: "deleted"}, got)
}

func TestDeleteReturnsTheRecording(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodDelete, "/recordings/3fa85f64", http.StatusOK, `{"data":`+recordingData+`}`)
	got, err := recordings.NewService(c).Delete(context.Background(), "3fa85f64")
	require.NoError(t, err)
	assert.Equal(t, wantRecording, got)
	require.Len(t, *seen, 1)
	assert.Empty(t, (*seen)[0].Body)
}

func TestIDsAreEscapedAsOneSegment(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := recordings.NewService(c)
	ctx := context.Background()
	const id = "a/../b#c?d%"
	const escaped = "a%2F..%2Fb%23c%3Fd%25"
	get := testutil.Respond(mock, http.MethodGet, "/recordings/"+escaped, http.StatusOK, `{"data":{"id":"x"}}`)
	del := testutil.Respond(mock, http.MethodDelete, "/recordings/"+escaped, http.StatusOK, `{"data":{"id":"x"}}`)
	tget := testutil.Respond(mock, http.MethodGet, "/recording_transcriptions/"+escaped, http.StatusOK, `{"data":{"id":"x"}}`)
	tdel := testutil.Respond(mock, http.MethodDelete, "/recording_transcriptions/"+escaped, http.StatusOK, `{"data":{"id":"x"}}`)

	_, err := svc.Get(ctx, id)
	require.NoError(t, err)
	_, err = svc.Delete(ctx, id)
	require.NoError(t, err)
	_, err = svc.Transcriptions.Get(ctx, id)
	require.NoError(t, err)
	_, err = svc.Transcriptions.Delete(ctx, id)
	require.NoError(t, err)

	for _, tc := range []struct {
		want string
		seen *[]testutil.Captured
	}{
		{"/v2/recordings/" + escaped, get},
		{"/v2/recordings/" + escaped, del},
		{"/v2/recording_transcriptions/" + escaped, tget},
		{"/v2/recording_transcriptions/" + escaped, tdel},
	} {
		require.Len(t, *tc.seen, 1, tc.want)
		assert.Equal(t, tc.want, (*tc.seen)[0].Path)
	}
	assert.Equal(t, 4, mock.GetTotalCallCount())
}

func TestListSendsEveryFilter(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/recordings", http.StatusOK,
		`{"data":[`+recordingData+`],"meta":{"page_number":2,"page_size":5,"total_pages":2,"total_results":6}}`)
	gte := time.Date(2019, 3, 29, 11, 10, 0, 0, time.UTC)
	lte := time.Date(2019, 3, 30, 12, 0, 0, 0, time.FixedZone("CET", 3600))

	page, err := recordings.NewService(c).List(context.Background(), recordings.ListParams{
		Filter: &recordings.Filter{
			ConferenceID:  "conf-1",
			CreatedAt:     &recordings.CreatedAtFilter{GTE: &gte, LTE: &lte},
			CallLegID:     "leg-1",
			CallSessionID: "session-1",
			From:          "+15551234567",
			To:            "+15557654321",
			ConnectionID:  "175237942907135762",
			SIPCallID:     "sip&call=1",
		},
		Page: core.PageParams{Number: 2, Size: 5},
	})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, map[string][]string{
		"filter[conference_id]":   {"conf-1"},
		"filter[created_at][gte]": {"2019-03-29T11:10:00Z"},
		"filter[created_at][lte]": {"2019-03-30T12:00:00+01:00"},
		"filter[call_leg_id]":     {"leg-1"},
		"filter[call_session_id]": {"session-1"},
		"filter[from]":            {"+15551234567"},
		"filter[to]":              {"+15557654321"},
		"filter[connection_id]":   {"175237942907135762"},
		"filter[sip_call_id]":     {"sip&call=1"},
		"page[number]":            {"2"},
		"page[size]":              {"5"},
	}, (*seen)[0].Query)
	assert.Equal(t, []recordings.Recording{*wantRecording}, page.Data)
	assert.Equal(t, 6, page.Meta.TotalResults)
	assert.False(t, page.HasNext())
}

func TestListLeavesOutUnsetFilters(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/recordings", http.StatusOK, `{"data":[],"meta":{"total_pages":0}}`)
	svc := recordings.NewService(c)
	_, err := svc.List(context.Background(), recordings.ListParams{})
	require.NoError(t, err)
	since := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	_, err = svc.List(context.Background(), recordings.ListParams{Filter: &recordings.Filter{CreatedAt: &recordings.CreatedAtFilter{GTE: &since}}})
	require.NoError(t, err)
	require.Len(t, *seen, 2)
	assert.Empty(t, (*seen)[0].Query)
	assert.Equal(t, map[string][]string{"filter[created_at][gte]": {"2024-01-02T03:04:05Z"}}, (*seen)[1].Query)
}

func TestListAutoPagingFollowsPageNumbers(t *testing.T) {
	c, mock := testutil.NewClient(t)
	var asked []string
	mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/recordings", func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		asked = append(asked, q.Get("page[number]"))
		assert.Equal(t, "conf-1", q.Get("filter[conference_id]"), "filters must follow every page")
		assert.Equal(t, "2", q.Get("page[size]"))
		n, _ := strconv.Atoi(q.Get("page[number]"))
		if n == 0 {
			n = 1
		}
		s := strconv.Itoa(n)
		return httpmock.NewStringResponse(http.StatusOK,
			`{"data":[{"id":"r`+s+`a"},{"id":"r`+s+`b"}],"meta":{"page_number":`+s+`,"page_size":2,"total_pages":3,"total_results":6}}`), nil
	})
	svc := recordings.NewService(c)
	params := recordings.ListParams{Filter: &recordings.Filter{ConferenceID: "conf-1"}, Page: core.PageParams{Size: 2}}

	var ids []string
	for r, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, r.ID)
	}
	assert.Equal(t, []string{"r1a", "r1b", "r2a", "r2b", "r3a", "r3b"}, ids)
	assert.Equal(t, []string{"", "2", "3"}, asked)

	asked, ids = nil, nil
	for r, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, r.ID)
		if len(ids) == 2 {
			break
		}
	}
	assert.Equal(t, []string{"r1a", "r1b"}, ids)
	assert.Equal(t, []string{""}, asked, "breaking must stop fetching")
}

func TestListAutoPagingYieldsTheError(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/recordings", http.StatusForbidden, `{"errors":[{"code":"10010","title":"Forbidden"}]}`)
	var errs []error
	for _, err := range recordings.NewService(c).ListAutoPaging(context.Background(), recordings.ListParams{}) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], core.ErrForbidden)
}

func TestDeleteManyPostsTheIDs(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/recordings/actions/delete", http.StatusNoContent, "")
	err := recordings.NewService(c).DeleteMany(context.Background(), []string{"428c31b6-1", "428c31b6-2"})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, "application/json", (*seen)[0].Header.Get("Content-Type"))
	assert.JSONEq(t, `{"ids":["428c31b6-1","428c31b6-2"]}`, string((*seen)[0].Body))
}

func TestDeleteManyIsNotRetriedByDefault(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/recordings/actions/delete", http.StatusBadGateway, "<html>bad gateway</html>")
	err := recordings.NewService(c).DeleteMany(context.Background(), []string{"a"})
	require.ErrorIs(t, err, core.ErrServer)
	assert.Len(t, *seen, 1)
}

func TestValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := recordings.NewService(c)
	ctx := context.Background()
	early, late := time.Now(), time.Now().Add(-time.Hour)
	cases := []struct {
		field string
		call  func() error
	}{
		{"ids", func() error { return svc.DeleteMany(ctx, nil) }},
		{"ids", func() error { return svc.DeleteMany(ctx, []string{}) }},
		{"ids", func() error { return svc.DeleteMany(ctx, []string{"a", ""}) }},
		{"recording_id", func() error { _, err := svc.Get(ctx, ""); return err }},
		{"recording_id", func() error { _, err := svc.Get(ctx, ".."); return err }},
		{"recording_id", func() error { _, err := svc.Delete(ctx, ""); return err }},
		{"recording_id", func() error { _, err := svc.Delete(ctx, "."); return err }},
		{"recording_transcription_id", func() error { _, err := svc.Transcriptions.Get(ctx, ""); return err }},
		{"recording_transcription_id", func() error { _, err := svc.Transcriptions.Get(ctx, ".."); return err }},
		{"recording_transcription_id", func() error { _, err := svc.Transcriptions.Delete(ctx, ""); return err }},
		{"recording_transcription_id", func() error { _, err := svc.Transcriptions.Delete(ctx, "."); return err }},
		{"filter[created_at][gte]", func() error {
			_, err := svc.List(ctx, recordings.ListParams{Filter: &recordings.Filter{CreatedAt: &recordings.CreatedAtFilter{GTE: &early, LTE: &late}}})
			return err
		}},
		{"page[size]", func() error {
			_, err := svc.List(ctx, recordings.ListParams{Page: core.PageParams{Size: 251}})
			return err
		}},
		{"page[number]", func() error {
			for _, err := range svc.ListAutoPaging(ctx, recordings.ListParams{Page: core.PageParams{Number: -2}}) {
				return err
			}
			return nil
		}},
		{"page[size]", func() error {
			_, err := svc.Transcriptions.List(ctx, recordings.TranscriptionListParams{Page: core.CursorParams{Size: -1}})
			return err
		}},
		{"page[after]", func() error {
			for _, err := range svc.Transcriptions.ListAutoPaging(ctx, recordings.TranscriptionListParams{Page: core.CursorParams{After: "a", Before: "b"}}) {
				return err
			}
			return nil
		}},
	}
	for _, tc := range cases {
		err := tc.call()
		testutil.RequireInvalid(t, err, tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}

func TestNotFound(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/recordings/missing", http.StatusNotFound,
		`{"errors":[{"code":"10005","title":"Resource not found","detail":"Recording not found"}]}`)
	_, err := recordings.NewService(c).Get(context.Background(), "missing")
	require.ErrorIs(t, err, core.ErrNotFound)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Recording not found", apiErr.Errors[0].Detail)
}
