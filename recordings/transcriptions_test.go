package recordings_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

func TestTranscriptionInProgressHasNoText(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":{"id":"`+transcriptionID+`","status":"in-progress","transcription_text":null}}`)
	got, err := svc.Transcriptions.Get(t.Context(), transcriptionID)
	require.NoError(t, err)
	assert.Equal(t, &recordings.Transcription{ID: transcriptionID, Status: recordings.TranscriptionStatusInProgress}, got)
}

func TestTranscriptionListWithoutParamsSendsNoQuery(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":[],"meta":{"page_number":1,"page_size":20,"total_pages":0,"total_results":0}}`)
	page, err := svc.Transcriptions.List(t.Context(), recordings.TranscriptionListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Data)
	assert.False(t, page.HasNext())
	assert.Empty(t, rec.Last(t).Query)
}

func TestTranscriptionValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	ctx := t.Context()
	_, err := svc.Transcriptions.List(ctx, recordings.TranscriptionListParams{Page: telnyx.PageParams{Size: -1}})
	testutil.RequireInvalid(t, err, "page[size]")
	_, err = telnyx.Collect(svc.Transcriptions.ListAutoPaging(ctx, recordings.TranscriptionListParams{Page: telnyx.PageParams{Number: -1}}), 0)
	testutil.RequireInvalid(t, err, "page[number]")
	for _, id := range []string{"", "..", "t1", "6a09cdc3894847f0aa6274ac943d6c58"} {
		_, err = svc.Transcriptions.Get(ctx, id)
		testutil.RequireInvalid(t, err, "recording_transcription_id")
		_, err = svc.Transcriptions.Delete(ctx, id)
		testutil.RequireInvalid(t, err, "recording_transcription_id")
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
