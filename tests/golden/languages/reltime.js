// docs/theme.md
(()=>{const d=document,l=(d.querySelector("header[lang]")||d.documentElement).lang,R=Intl.RelativeTimeFormat,f=new R(l,{numeric:"auto"}),h=new R(l),D=x=>(x-x.getTimezoneOffset()*6e4)/864e5|0,F=(n,u)=>h.format(n,u);
function w(d,a,b,y){a=new Date(a);b=new Date(b);let n=(b.getFullYear()-a.getFullYear())*12+b.getMonth()-a.getMonth(),
c=new Date(a),e=D(b)-D(a),g=b-a;c.setMonth(c.getMonth()+n);if(c>b)n--;return n>11?F(d*(n/12|0),"year"):n?F(d*n,"month")
:e>6?F(d*(e/7|0),"week"):y||g>864e5?f.format(d*e,"day"):g<6e4?f.format(0,"second"):F(d*(g/(g<36e5?6e4:36e5)|0),g<36e5?"minute":"hour")}
function r(){for(const t of d.querySelectorAll("time[data-rel]")){let y=t.dataset.rel=="day",z=Date.now(),v=t.dateTime,P=Date.parse,a=P(y?v.slice(0,10)+"T00:00":v),s=t.nextElementSibling;if(isNaN(a))continue;
if(y)try{z=P(new Date(z).toLocaleString("sv",{timeZone:t.dataset.tz}).replace(" ","T"))}catch{}
if(!s||s.className!="rel"){t.after(s=d.createElement("span"));s.className="rel"}
s.textContent=" ("+(a>z?w(1,z,a,y):w(-1,a,z,y))+")"}}r();setInterval(r,6e4);
d.querySelector(".sections")?.addEventListener("focusin",e=>e.target.scrollIntoView({block:"nearest",inline:"nearest"}))})();
