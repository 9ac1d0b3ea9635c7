package io.wxrelay.sim.truth;

/**
 * One upload WeChat accepted.
 *
 * @param api the API called (media/upload, material/add_material, media/uploadimg,
 *     media/uploadnews, draft/add, media/uploadvideo)
 * @param type image, voice, video, thumb, news or mpvideo
 * @param mediaId the media_id handed out (for media/uploadimg: the image's URL)
 */
public record Upload(String appid, String api, String type, String mediaId) {}
