// "(2 bulan yang lalu)" after each <time data-rel>: whole units gone by, months and years by the calendar.
(()=>{const f=new Intl.RelativeTimeFormat(document.documentElement.lang,{numeric:"auto"}),
u=[["week",6048e5],["day",864e5],["hour",36e5],["minute",6e4]];
function w(d,a,b){let n=(b.getFullYear()-a.getFullYear())*12+b.getMonth()-a.getMonth(),c=new Date(a),g=b-a;
c.setMonth(c.getMonth()+n);if(c>b)n--;if(n>11)return f.format(d*Math.floor(n/12),"year");
if(n>0)return f.format(d*n,"month");for(const[k,m]of u)if(g>=m||k=="minute")return f.format(d*Math.floor(g/m),k)}
function r(){for(const t of document.querySelectorAll("time[data-rel]")){
let a=Date.parse(t.dateTime),z=Date.now(),s=t.nextElementSibling;if(isNaN(a))continue;
if(!s||s.className!="rel"){s=document.createElement("span");s.className="rel";t.after(s)}
s.textContent=" ("+(a>z?w(1,new Date(z),new Date(a)):w(-1,new Date(a),new Date(z)))+")"}}
r();setInterval(r,6e4)})();
