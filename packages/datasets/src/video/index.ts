export { FfmpegMissingError, VideoError } from './errors.ts';
export { DEFAULT_FFMPEG, probeVideo, readFrames, selectExpression, type DecodedFrame, type FfmpegPaths, type VideoInfo } from './ffmpeg.ts';
export { frameIndices, type FrameSampling } from './sampling.ts';
export { isVideoPath, scanVideos, VIDEO_EXTENSIONS, type VideoCandidate, type VideoScanOptions } from './scan-videos.ts';
export { DEFAULT_VIDEO_LIMITS, frameSourceName, importVideos, type VideoImportOptions, type VideoLimits } from './import-videos.ts';
export { makeTestVideo } from './test-video.ts';
