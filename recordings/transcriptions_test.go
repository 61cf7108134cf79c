package recordings_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

const transcriptionData = `{"created_at":"2018-02-02T22:25:27.521Z","duration_millis":60000,"id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58","recording_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","record_type":"recording_transcription","status":"completed","transcription_text":"Good morning, how may I help you?","updated_at":"2018-02-02T22:25:28.521Z"}`

var wantTranscription = &recordings.Transcription{
	ID:                "6a09cdc3-8948-47f0-aa62-74ac943d6c58",
	RecordType:        "recording_transcription",
	RecordingID:       "3fa85f64-5717-4562-b3fc-2c963f66afa6",
	Status:            recordings.TranscriptionStatusCompleted,
	TranscriptionText: "Good morning, how may I help you?",
	DurationMillis:    60000,
	CreatedAt:         "2018-02-02T22:25:27.521Z",
	UpdatedAt:         "2018-02-02T22:25:28.521Z",
}

func TestTranscriptionGetAndDelete(t *testing.T) {
	c, mock := testutil.NewClient(t)
	const path = "/recording_transcriptions/6a09cdc3-8948-47f0-aa62-74ac943d6c58"
	get := testutil.Respond(mock, http.MethodGet, path, http.StatusOK, `{"data":`+transcriptionData+`}`)
	del := testutil.Respond(mock, http.MethodDelete, path, http.StatusOK, `{"data":`+transcriptionData+`}`)
	svc := recordings.NewService(c).Transcriptions

	got, err := svc.Get(context.Background(), "6a09cdc3-8948-47f0-aa62-74ac943d6c58")
	require.NoError(t, err)
	assert.Equal(t, wantTranscription, got)
	deleted, err := svc.Delete(context.Background(), "6a09cdc3-8948-47f0-aa62-74ac943d6c58")
	require.NoError(t, err)
	assert.Equal(t, wantTranscription, deleted)
	require.Len(t, *get, 1)
	require.Len(t, *del, 1)
	assert.Equal(t, "/v2"+path, (*del)[0].Path)
}

func TestTranscriptionInProgressHasNoText(t *testing.T) {
	c, mock := testutil.NewClient(t)
	testutil.Respond(mock, http.MethodGet, "/recording_transcriptions/t1", http.StatusOK,
		`{"data":{"id":"t1","status":"in-progress","transcription_text":null}}`)
	got, err := recordings.NewTranscriptionService(c).Get(context.Background(), "t1")
	require.NoError(t, err)
	assert.Equal(t, &recordings.Transcription{ID: "t1", Status: recordings.TranscriptionStatusInProgress}, got)
}

func TestTranscriptionListSendsCursorParams(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/recording_transcriptions", http.StatusOK,
		`{"data":[`+transcriptionData+`],"meta":{"cursors":{"after":"c2","before":"c0"},"next":"/v2/recording_transcriptions?page[after]=c2"}}`)
	svc := recordings.NewTranscriptionService(c)

	page, err := svc.List(context.Background(), recordings.TranscriptionListParams{Page: core.CursorParams{Size: 1, After: "c1"}})
	require.NoError(t, err)
	_, err = svc.List(context.Background(), recordings.TranscriptionListParams{Page: core.CursorParams{Before: "c1"}})
	require.NoError(t, err)
	_, err = svc.List(context.Background(), recordings.TranscriptionListParams{})
	require.NoError(t, err)

	require.Len(t, *seen, 3)
	assert.Equal(t, map[string][]string{"page[size]": {"1"}, "page[after]": {"c1"}}, (*seen)[0].Query)
	assert.Equal(t, map[string][]string{"page[before]": {"c1"}}, (*seen)[1].Query)
	assert.Empty(t, (*seen)[2].Query)
	assert.Equal(t, []recordings.Transcription{*wantTranscription}, page.Data)
	assert.Equal(t, core.Cursors{After: "c2", Before: "c0"}, page.Meta.Cursors)
	assert.True(t, page.HasNext())
}

func TestTranscriptionListAutoPagingFollowsCursors(t *testing.T) {
	c, mock := testutil.NewClient(t)
	var asked []map[string][]string
	bodies := map[string]string{
		"":   `{"data":[{"id":"t1"},{"id":"t2"}],"meta":{"cursors":{"after":"c2"}}}`,
		"c2": `{"data":[{"id":"t3"},{"id":"t4"}],"meta":{"cursors":{"after":"c4","before":"c3"}}}`,
		"c4": `{"data":[{"id":"t5"}],"meta":{"cursors":{"before":"c5"}}}`,
	}
	mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/recording_transcriptions", func(r *http.Request) (*http.Response, error) {
		asked = append(asked, r.URL.Query())
		body, ok := bodies[r.URL.Query().Get("page[after]")]
		if !ok {
			return httpmock.NewStringResponse(http.StatusBadRequest, `{"errors":[{"code":"10015","title":"bad cursor"}]}`), nil
		}
		return httpmock.NewStringResponse(http.StatusOK, body), nil
	})
	svc := recordings.NewService(c).Transcriptions
	params := recordings.TranscriptionListParams{Page: core.CursorParams{Size: 2}}

	var ids []string
	for tr, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, tr.ID)
	}
	assert.Equal(t, []string{"t1", "t2", "t3", "t4", "t5"}, ids)
	assert.Equal(t, []map[string][]string{
		{"page[size]": {"2"}},
		{"page[size]": {"2"}, "page[after]": {"c2"}},
		{"page[size]": {"2"}, "page[after]": {"c4"}},
	}, asked)

	asked, ids = nil, nil
	for tr, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		ids = append(ids, tr.ID)
		if len(ids) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"t1", "t2", "t3"}, ids)
	assert.Len(t, asked, 2, "breaking must stop fetching")
}
