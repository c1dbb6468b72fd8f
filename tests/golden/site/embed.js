// docs/theme.md: a video card (figure.embed) becomes the video's player when the reader clicks it, and not before
(()=>{const P=[[/^https:\/\/www\.youtube\.com\/watch\?v=([\w-]{11})(?:&t=(\d+))?$/,m=>"https://www.youtube-nocookie.com/embed/"+m[1]+"?autoplay=1"+(m[2]?"&start="+m[2]:"")],
[/^https:\/\/www\.youtube\.com\/playlist\?list=([\w-]+)$/,m=>"https://www.youtube-nocookie.com/embed/videoseries?list="+m[1]+"&autoplay=1"],
[/^https:\/\/vimeo\.com\/(\d+)(?:\/([0-9a-f]+))?(?:#t=(\d+)s)?$/,m=>"https://player.vimeo.com/video/"+m[1]+"?"+(m[2]?"h="+m[2]+"&":"")+"autoplay=1&dnt=1"+(m[3]?"#t="+m[3]+"s":"")]];
document.addEventListener("click",e=>{const a=e.target.closest&&e.target.closest("figure.embed>a.embed-card");if(!a||e.button||e.ctrlKey||e.metaKey||e.shiftKey||e.altKey)return;
for(const[r,f]of P){const m=a.href.match(r);if(!m)continue;e.preventDefault();const i=document.createElement("iframe");
i.src=f(m);i.title=a.querySelector(".embed-title").textContent;i.allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share; fullscreen";
i.allowFullscreen=true;i.referrerPolicy="strict-origin-when-cross-origin";i.loading="lazy";a.replaceWith(i);i.focus();return}})})();
