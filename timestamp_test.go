package telnyx_test

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
)

func TestTimestampDecodesWhatTheAPISends(t *testing.T) {
	t.Parallel()
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	for in, want := range map[string]time.Time{
		`"2024-01-23T18:10:02.574Z"`:   utc(2024, 1, 23, 18, 10, 2, 574e6),
		`"2024-01-23T18:10:02Z"`:       utc(2024, 1, 23, 18, 10, 2, 0),
		`"2024-01-23T20:10:02+02:00"`:  utc(2024, 1, 23, 18, 10, 2, 0),
		`"2024-01-23T18:10:02.123456"`: utc(2024, 1, 23, 18, 10, 2, 123456e3),
		`"2024-01-23T18:10:02"`:        utc(2024, 1, 23, 18, 10, 2, 0),
		`"2024-01-23 18:10:02"`:        utc(2024, 1, 23, 18, 10, 2, 0),
		`"2024-01-23"`:                 utc(2024, 1, 23, 0, 0, 0, 0),
		`""`:                           {},
		`null`:                         {},
		`"not a time"`:                 {},
		`12345`:                        {},
		`{"a":1}`:                      {},
		`"2024-13-45T99:99:99Z"`:       {},
	} {
		var got struct {
			At telnyx.Timestamp `json:"at"`
			N  int              `json:"n"`
		}
		require.NoError(t, json.Unmarshal([]byte(`{"at":`+in+`,"n":7}`), &got), in)
		assert.True(t, got.At.Time.Equal(want), "%s: got %v, want %v", in, got.At.Time, want)
		assert.Equal(t, 7, got.N, "%s: one odd timestamp never fails the answer", in)
	}
}

func TestTimestampEncodesRFC3339(t *testing.T) {
	t.Parallel()
	ts := telnyx.NewTimestamp(time.Date(2024, 1, 23, 18, 10, 2, 574e6, time.UTC))
	b, err := json.Marshal(ts)
	require.NoError(t, err)
	assert.Equal(t, `"2024-01-23T18:10:02.574Z"`, string(b))
	b, err = json.Marshal(telnyx.Timestamp{})
	require.NoError(t, err)
	assert.Equal(t, `null`, string(b))
	assert.Equal(t, "2024-01-23T18:10:02.574Z", ts.String())

	// A value read from one answer works as a query filter of another.
	var back telnyx.Timestamp
	require.NoError(t, json.Unmarshal(b, &back))
	q, err := query.Values(struct {
		GTE *telnyx.Timestamp `url:"gte,omitempty"`
	}{&ts})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"gte": {"2024-01-23T18:10:02.574Z"}}, q)

	d := telnyx.Date(2024, time.March, 5)
	assert.Equal(t, "2024-03-05T00:00:00Z", d.String())
	parsed, err := telnyx.ParseTimestamp("2024-03-05")
	require.NoError(t, err)
	assert.True(t, parsed.Equal(d))
	_, err = telnyx.ParseTimestamp("yesterday")
	assert.Error(t, err)
}
