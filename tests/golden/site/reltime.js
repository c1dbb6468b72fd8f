// Shows "2 bulan lalu" / "2 months ago" after every <time data-rel>, from its datetime; updated each minute.
(()=>{const f=new Intl.RelativeTimeFormat(document.documentElement.lang,{numeric:"auto"}),
u=[["year",31536e6],["month",2592e6],["week",6048e5],["day",864e5],["hour",36e5],["minute",6e4]];
function r(){for(const t of document.querySelectorAll("time[data-rel]")){
let d=Date.parse(t.dateTime)-Date.now(),s=t.nextElementSibling;
if(isNaN(d))continue;
if(!s||s.className!="rel"){s=document.createElement("span");s.className="rel";t.after(s)}
for(const[n,m]of u)if(Math.abs(d)>=m||n=="minute"){s.textContent=" ("+f.format(Math.round(d/m),n)+")";break}}}
r();setInterval(r,6e4)})();
