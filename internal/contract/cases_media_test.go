package contract

import (
	"bytes"
	"context"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
)

var mp3 = []byte("ID3\x03\x00\x00\x00\x00\x00\x00fake mp3 frames")

func init() {
	register(
		contractCase{
			op: "ListMediaStorage",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(media.New(c).List(ctx, media.ListParams{
					Filter: &media.ListFilter{ContentType: []string{"audio/mpeg", "application/xml"}},
				}))
			},
		},
		contractCase{
			op: "CreateMediaStorage", variant: "json", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Upload(ctx, media.UploadParams{
					MediaURL:  telnyx.String("https://example.com/audio/greeting.mp3"),
					MediaName: telnyx.String("greeting"),
					TTLSecs:   telnyx.Int(86400),
				})
			},
			check: wantJSON(`{"media_url":"https://example.com/audio/greeting.mp3","media_name":"greeting","ttl_secs":86400}`),
		},
		contractCase{
			op: "CreateMediaStorage", variant: "multipart", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Upload(ctx, media.UploadParams{
					File:      bytes.NewReader(mp3),
					FileName:  "greeting.mp3",
					MediaName: telnyx.String("greeting"),
					TTLSecs:   telnyx.Int(86400),
				})
			},
			check: wantMultipart(map[string]string{"media_name": "greeting", "ttl_secs": "86400"}, "media", "greeting.mp3", "audio/mpeg", mp3),
		},
		contractCase{
			// The SDK refuses a ttl_secs over media.MaxTTLSecs.
			op: "CreateMediaStorage", variant: "ttl-too-long", refusal: http.StatusUnprocessableEntity,
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Upload(ctx, media.UploadParams{
					MediaURL:  telnyx.String("https://example.com/audio/greeting.mp3"),
					MediaName: telnyx.String("forever"),
				}, withField("ttl_secs", media.MaxTTLSecs+1))
			},
		},
		contractCase{
			op: "GetMediaStorage", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Get(ctx, "greeting 2024.mp3")
			},
			check: wantPath("/v2/media/greeting%202024.mp3"),
		},
		contractCase{
			op: "UpdateMediaStorage", variant: "json", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Update(ctx, "greeting", media.UpdateParams{
					MediaURL: telnyx.String("https://example.com/audio/greeting-v2.mp3"),
					TTLSecs:  telnyx.Int(3600),
				})
			},
			check: wantJSON(`{"media_url":"https://example.com/audio/greeting-v2.mp3","ttl_secs":3600}`),
		},
		contractCase{
			op: "UpdateMediaStorage", variant: "multipart", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Update(ctx, "greeting", media.UpdateParams{
					File:        bytes.NewReader(mp3),
					FileName:    "greeting-v2.mp3",
					ContentType: "audio/mpeg",
					TTLSecs:     telnyx.Int(3600),
				})
			},
			check: wantMultipart(map[string]string{"ttl_secs": "3600"}, "media", "greeting-v2.mp3", "audio/mpeg", mp3),
		},
		contractCase{
			op: "DeleteMediaStorage",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, media.New(c).Delete(ctx, "greeting")
			},
		},
		contractCase{
			op: "DownloadMedia",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return readAll(media.New(c).Download(ctx, "greeting"))
			},
			check: wantPath("/v2/media/greeting/download"),
		},
	)
}
